#!/usr/bin/env python3
"""Writes the binary fixtures of tests/data/kb/parse/ (DOCX, XLSX, PPTX, PDF
and broken variants) from the text below, all of our own writing about the
fictional みどり市. Deterministic (fixed zip timestamps), so running it again
changes nothing; the outputs are committed so that the tests need no Python.

    python3 tests/data/kb/make-fixtures.py
"""
import os
import zipfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "parse")
STAMP = (2026, 4, 1, 9, 0, 0)

CT = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PKG_REL = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'


def write_zip(name, parts, compress=zipfile.ZIP_DEFLATED):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", compress) as z:
        for part, data in parts:
            info = zipfile.ZipInfo(part, STAMP)
            info.compress_type = compress
            z.writestr(info, data)
    return path


def core(title):
    return (CT + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:title>{title}</dc:title></cp:coreProperties>')


def rels(items):
    body = "".join(f'<Relationship Id="{i}" Type="x" Target="{t}"/>' for i, t in items)
    return CT + f"<Relationships {PKG_REL}>{body}</Relationships>"


# ---- DOCX ------------------------------------------------------------------

def para(text, style=None, outline=None):
    ppr = ""
    if style or outline is not None:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if outline is not None:
            ppr += f'<w:outlineLvl w:val="{outline}"/>'
        ppr += "</w:pPr>"
    runs = "".join(f"<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>" for t in text.split("|"))
    return f"<w:p>{ppr}{runs}</w:p>"


def docx_document(paras):
    return CT + f"<w:document {W} {R}><w:body>{''.join(paras)}<w:sectPr/></w:body></w:document>"


# Japanese Word names its heading styles "1", "2" and keeps "heading 1" as
# the style name: the reader must go through styles.xml.
STYLES = (CT + f"<w:styles {W}>"
          '<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>'
          "</w:styles>")

DOCX_PARAS = [
    para("みどり市 窓口業務マニュアル", "a3"),
    para("第1章 受付", "1"),
    para("来庁者には|まず|用件を伺い、番号札をお渡しします。"),
    para("1 証明書の交付", "2"),
    para("住民票の写しは、本人確認書類を確認してから交付します。"),
    para("代理人の場合は委任状が必要です。"),
    '<w:tbl><w:tr><w:tc>' + para("手数料") + '</w:tc><w:tc>' + para("1通 300円") +
    '</w:tc></w:tr></w:tbl>',
    para("第2章 電話対応", None, 0),
    para("電話は3回鳴るまでに出て、課名と名前を名乗ります。"),
]


def docx(name, paras, title=None, styles=True, extra=None):
    parts = [("[Content_Types].xml", CT + "<Types/>"),
             ("word/document.xml", docx_document(paras))]
    if styles:
        parts.append(("word/styles.xml", STYLES))
    if title:
        parts.append(("docProps/core.xml", core(title)))
    for p in extra or []:
        parts.append(p)
    return write_zip(name, parts)


# ---- XLSX ------------------------------------------------------------------

S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def xlsx(name):
    shared = ["施設名", "使用料", "備考", "市民会館 大ホール", "平日午前は割引があります",
              "体育館", "みどり"]
    sst = CT + f'<sst {S} count="{len(shared)}">'
    for s in shared:
        if s == "みどり":
            # rich text with a phonetic guide that must not be read
            sst += "<si><r><t>緑</t></r><r><t>地区</t></r><rPh sb=\"0\" eb=\"1\"><t>ミドリ</t></rPh></si>"
        else:
            sst += f"<si><t>{s}</t></si>"
    sst += "</sst>"

    def cell(ref, v, t="s"):
        if t == "s":
            return f'<c r="{ref}" t="s"><v>{v}</v></c>'
        if t == "inline":
            return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
        return f'<c r="{ref}"><v>{v}</v></c>'

    sheet1 = (CT + f"<worksheet {S}><sheetData>"
              f'<row r="1">{cell("A1", 0)}{cell("B1", 1)}{cell("C1", 2)}</row>'
              f'<row r="2">{cell("A2", 3)}{cell("B2", 52000, "n")}{cell("C2", 4)}</row>'
              f'<row r="3">{cell("A3", 5)}{cell("B3", 1200, "n")}</row>'
              f'<row r="4"><c r="A4"/></row>'
              "</sheetData></worksheet>")
    sheet2 = (CT + f"<worksheet {S}><sheetData>"
              f'<row r="1">{cell("A1", "ごみ収集日", "inline")}{cell("B1", 6)}</row>'
              f'<row r="2">{cell("A2", "月曜日と木曜日", "inline")}</row>'
              "</sheetData></worksheet>")
    wb = (CT + f"<workbook {S} {R}><sheets>"
          '<sheet name="施設使用料" sheetId="1" r:id="rId1"/>'
          '<sheet name="収集日" sheetId="2" r:id="rId2"/>'
          "</sheets></workbook>")
    parts = [("[Content_Types].xml", CT + "<Types/>"),
             ("xl/workbook.xml", wb),
             ("xl/_rels/workbook.xml.rels",
              rels([("rId1", "worksheets/sheet1.xml"), ("rId2", "/xl/worksheets/sheet2.xml")])),
             ("xl/sharedStrings.xml", sst),
             ("xl/worksheets/sheet1.xml", sheet1),
             ("xl/worksheets/sheet2.xml", sheet2)]
    return write_zip(name, parts)


# ---- PPTX ------------------------------------------------------------------

P = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def slide(title, lines):
    def shape(ph, texts):
        nv = f'<p:nvSpPr><p:cNvPr id="1" name="s"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        ps = "".join(f"<a:p><a:r><a:t>{t}</a:t></a:r></a:p>" for t in texts)
        return f"<p:sp>{nv}<p:txBody>{ps}</p:txBody></p:sp>"
    body = shape('<p:ph type="title"/>', [title]) + shape('<p:ph idx="1"/>', lines)
    return CT + f"<p:sld {P}><p:cSld><p:spTree>{body}</p:spTree></p:cSld></p:sld>"


def pptx(name):
    # Slide order comes from presentation.xml, not from the file names.
    pres = (CT + f"<p:presentation {P} {R}><p:sldIdLst>"
            '<p:sldId id="256" r:id="rId2"/><p:sldId id="257" r:id="rId3"/>'
            '<p:sldId id="258" r:id="rId4"/></p:sldIdLst></p:presentation>')
    parts = [("[Content_Types].xml", CT + "<Types/>"),
             ("ppt/presentation.xml", pres),
             ("ppt/_rels/presentation.xml.rels",
              rels([("rId2", "slides/slide2.xml"), ("rId3", "slides/slide1.xml"),
                    ("rId4", "slides/slide3.xml")])),
             ("ppt/slides/slide2.xml", slide("生成AI 利用研修", ["みどり市 DX推進課", "2026年度"])),
             ("ppt/slides/slide1.xml",
              slide("入力してはいけない情報", ["個人情報（氏名、住所、電話番号）",
                                               "非公開の行政情報"])),
             ("ppt/slides/slide3.xml", slide("困ったときは", ["DX推進課（内線 2345）へ"])),
             ("docProps/core.xml", core("生成AI 利用研修資料"))]
    return write_zip(name, parts)


# ---- PDF -------------------------------------------------------------------

def pdf(name, pages):
    """A PDF whose text is drawn with a Type0 font (Identity-H, codes are
    Unicode BMP code points) and a ToUnicode CMap, so that pdftotext can
    read Japanese without any font file. pages: list of lists of lines;
    an empty string line leaves a gap (a paragraph break)."""
    objs = {}
    n_pages = len(pages)
    font_id, desc_id, fd_id, cmap_id = 3, 4, 5, 6
    first_page = 7
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(n_pages))
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode()
    objs[font_id] = (f"<< /Type /Font /Subtype /Type0 /BaseFont /YakubaTest /Encoding /Identity-H "
                     f"/DescendantFonts [{desc_id} 0 R] /ToUnicode {cmap_id} 0 R >>").encode()
    objs[desc_id] = (f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /YakubaTest "
                     f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                     f"/FontDescriptor {fd_id} 0 R /DW 1000 >>").encode()
    objs[fd_id] = (b"<< /Type /FontDescriptor /FontName /YakubaTest /Flags 4 "
                   b"/FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
                   b"/CapHeight 700 /StemV 80 >>")
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF]
    blocks = ""
    for i in range(0, len(ranges), 100):
        chunk = ranges[i:i + 100]
        blocks += f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange\n"
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Yakuba-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{blocks}endcmap CMapName currentdict /CMap defineresource pop end end\n").encode()
    objs[cmap_id] = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    for i, lines in enumerate(pages):
        page_id, content_id = first_page + 2 * i, first_page + 2 * i + 1
        ops = ["BT", "/F1 10 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            if line:
                ops.append("<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj")
            ops.append("T*")
        ops.append("ET")
        if not any(lines):
            ops = ["0 0 1 rg", "100 100 200 200 re f"]  # a drawing, no text
        stream = "\n".join(ops).encode()
        objs[page_id] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                         f"/Resources << /Font << /F1 {font_id} 0 R >> >> "
                         f"/Contents {content_id} 0 R >>").encode()
        objs[content_id] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets[k]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(out)
    return out


def main():
    d = docx("manual.docx", DOCX_PARAS, title="窓口業務マニュアル")
    with open(d, "rb") as f:
        data = f.read()
    with open(os.path.join(HERE, "truncated.docx"), "wb") as f:
        f.write(data[: len(data) * 2 // 3])
    # A zip without word/document.xml: not a Word file.
    write_zip("no_document.docx", [("[Content_Types].xml", CT + "<Types/>"),
                                    ("word/other.xml", CT + "<x/>")])
    write_zip("dtd.docx", [("word/document.xml",
                            '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
                            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                            f"<w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>"
                            "</w:body></w:document>")])
    xlsx("fees.xlsx")
    # A part that expands to 40 MB from a few tens of KB: refused as a bomb.
    bomb = CT + f"<worksheet {S}><sheetData>" + " " * (40 << 20) + "</sheetData></worksheet>"
    write_zip("bomb.xlsx", [("xl/workbook.xml", CT + f"<workbook {S} {R}><sheets>"
                                                   '<sheet name="s" sheetId="1" r:id="rId1"/>'
                                                   "</sheets></workbook>"),
                            ("xl/_rels/workbook.xml.rels", rels([("rId1", "worksheets/s.xml")])),
                            ("xl/worksheets/s.xml", bomb)])
    pptx("training.pptx")
    with open(os.path.join(HERE, "not_a_zip.pptx"), "w") as f:
        f.write("これは PowerPoint ファイルではありません。\n")
    pdf("kitei.pdf", [
        ["みどり市情報公開規程", "", "第1章 総則", "", "（目的）",
         "第1条 この規程は、市の保有する情報の公開に関し必要な事項を定める。", "",
         "- 1 -"],
        ["第2章 公開の請求", "", "第3条 何人も、市長に対し、公文書の公開を請求することが",
         "できる。", "", "- 2 -"],
    ])
    pdf("scan.pdf", [[""], [""]])
    with open(os.path.join(HERE, "broken.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%% the rest is missing\n")


if __name__ == "__main__":
    main()
