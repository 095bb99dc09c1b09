"""What a person is told when a home starts: the first build from a corpus, or an empty home."""

def first_start_notice(settings) -> str:
    why = ("trang chủ mặc định / the default home" if settings.default_home and not settings.corpus_named
           else f"--corpus {settings.corpus}")
    return (f"Chỉ mục ở {settings.home} còn trống: đang nạp các văn bản ở {settings.corpus} ({why}). "
            f"Nothing is indexed in {settings.home} yet: indexing the documents of {settings.corpus} "
            f"(because of {why}). A home of your own starts empty: `--home DIR`, then "
            "`python -m assistant ingest FILES --home DIR`.")


def empty_home_notice(settings) -> str:
    return (f"{settings.home} chưa có văn bản nào. {settings.home} holds no documents yet: add some with "
            f"`python -m assistant ingest FILES --home {settings.home}` (or the app's Documents tab), "
            f"or name a corpus to index on start with `--corpus DIR` (the shipped plans: --corpus "
            f"{settings.corpus}).")
