"""What the development server adds to the pages it answers with, while serving.

The problems of the last edit are shown in a banner on every page, and the Downloads and Changes
pages say when the data has changed since the server wrote them. Both are put into each HTML answer
as it is sent, never into the built pages: a dirty build rebuilds only the pages an edit
changed, so a banner built into pages would stay on those it did not rebuild. The live reload
brings them up, since the server tells browsers to reload after every build.

It also answers a path with a NUL byte (``GET /%00``) with 400, where MkDocs's own handler
fails with a 500 and a traceback (``open`` refuses such a path).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

WsgiApp = Callable[[dict[str, Any], Any], Iterable[bytes]]

_BODY = re.compile(rb"<body\b[^>]*>")


@dataclass(slots=True)
class Preview:
    #: the problems of the last edit, one line each (none once an edit succeeds)
    problems: list[str] = field(default_factory=list)
    #: the URL paths (under the server's mount path) of the HTML files of the pages that show
    #: what the server wrote when it started: the Downloads and Changes pages
    export_pages: frozenset[str] = frozenset()
    #: the data has changed since the downloads were written
    downloads_stale: bool = False

    def banner(self) -> str:
        """The banner that lists the problems (escaped: a problem quotes what a curator
        wrote)."""
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in self.problems)
        return ('<div class="iranru-problems" role="alert"><p><strong>This preview is out of '
                "date: the last edit has problems.</strong> Fix them; the page reloads by "
                f"itself.</p><ul>{items}</ul></div>")

    def notice(self, path: str) -> str:
        """What the page at ``path`` shows above everything else, if anything."""
        shown = self.banner() if self.problems else ""
        if self.downloads_stale and path in self.export_pages:
            shown += ('<div class="iranru-notice" role="note"><p>While the site is served, the '
                      "downloads and the list of changes are those written when the server "
                      "started, and the data has changed since. <code>iranru-ref build</code> "
                      "writes them afresh.</p></div>")
        return shown

    def wrap(self, app: WsgiApp, mount_path: str = "/") -> WsgiApp:
        """``app`` with the notices put into the HTML pages it answers with."""

        def serve(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "")
            if "\x00" in path:
                start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
                return [b"400 Bad Request: the path holds a NUL byte\n"]
            file_path = path[len(mount_path):] if path.startswith(mount_path) else path
            if not file_path or file_path.endswith("/"):
                file_path += "index.html"
            notice = self.notice(file_path)
            if not notice:
                return app(environ, start_response)
            answer: dict[str, Any] = {}

            def hold(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
                answer["status"], answer["headers"] = status, headers
                return lambda data: None

            body = app(environ, hold)
            headers: list[tuple[str, str]] = answer["headers"]
            kind = next((value for name, value in headers if name.lower() == "content-type"), "")
            if not kind.startswith("text/html"):
                start_response(answer["status"], headers)
                return body
            try:
                page = b"".join(body)
            finally:
                close = getattr(body, "close", None)
                if close is not None:
                    close()
            page = _BODY.sub(lambda tag: tag.group(0) + notice.encode("utf-8"), page, count=1)
            start_response(answer["status"],
                           [(name, value) for name, value in headers
                            if name.lower() != "content-length"]
                           + [("Content-Length", str(len(page)))])
            return [page]

        return serve
