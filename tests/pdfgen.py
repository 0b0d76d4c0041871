"""Generate small, valid PDFs in code for tests (no corpus text, no extra packages).

Each page is a list of ``(text, x, y_from_top, size, bold)`` lines, drawn in the
base-14 Helvetica fonts, so pdfium and pdfplumber read them like real reports.
"""

from __future__ import annotations

Line = tuple[str, float, float, float, bool]


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[Line]], *, width: float = 595.0, height: float = 842.0) -> bytes:
    """A PDF whose pages hold the given lines (text must be Latin-1)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    pages_id = len(objects) + 1 + 2 * len(pages)  # placeholder id, fixed below
    page_ids = []
    for lines in pages:
        ops = []
        for text, x, y, size, is_bold in lines:
            f = "/F2" if is_bold else "/F1"
            ops.append(f"BT {f} {size} Tf {x} {height - y} Td ({_escape(text)}) Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                % (pages_id, width, height, content, font, bold)
            )
        )
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def report_pages(
    n_pages: int = 3, *, header: str = "Inspection of Anytown children's services"
) -> list[list[Line]]:
    """A report-like document in the project's own words: a title page with a
    judgement table, then numbered paragraphs, a bulleted list, running headers
    and page numbers."""
    pages: list[list[Line]] = []
    first: list[Line] = [
        ("Anytown Borough Council", 72, 80, 20, True),
        ("Inspection of children's social care services", 72, 120, 14, True),
        ("Inspection dates: 1 to 12 March 2021", 72, 145, 12, True),
        ("Lead inspector: Alex Example HMI", 72, 162, 12, True),
        ("Judgement Grade", 72, 200, 12, True),
        ("Overall effectiveness", 72, 220, 12, False),
        ("Good", 380, 220, 12, False),
        (
            "Children in Anytown are helped well by a stable team of social workers who know",
            72,
            260,
            12,
            False,
        ),
        (
            "them and who visit them often. Managers check the work closely and act when it",
            72,
            275,
            12,
            False,
        ),
        ("is not good enough.", 72, 290, 12, False),
        ("What needs to improve", 72, 330, 14, True),
        ("\x95 the timeliness of assessments for children who are", 90, 355, 12, False),
        ("disabled", 107, 370, 12, False),
        ("\x95 the quality of plans for care leavers", 90, 390, 12, False),
        ("1", 290, 810, 10, False),
    ]
    pages.append(first)
    for p in range(2, n_pages + 1):
        lines: list[Line] = [(header, 72, 40, 9, False)]
        y = 90.0
        for k in range(3):
            no = (p - 2) * 3 + k + 1
            lines.append(
                (
                    f"{no}. Paragraph {no} says that social workers see children regularly and",
                    72,
                    y,
                    12,
                    False,
                )
            )
            lines.append(
                (
                    "that the records show the child's wishes and feelings in some de-",
                    89,
                    y + 15,
                    12,
                    False,
                )
            )
            lines.append(("tail for most children.", 89, y + 30, 12, False))
            y += 70
        lines.append((str(p), 290, 810, 10, False))
        pages.append(lines)
    return pages
