"""Browser tests of the web UI (headless Chromium via Playwright); see test_web_browser.py."""
