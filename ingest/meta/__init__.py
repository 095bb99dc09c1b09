"""What a document says of itself: number, date, issuer, place, signer, title, references, in force."""
