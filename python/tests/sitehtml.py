"""Reading a generated page back, with the standard library's HTML
parser, the way the tests need it: the code blocks of each pair of
files, the verdict cells, every link and source."""

import html.parser


class Page(html.parser.HTMLParser):
    """pairs: [{"left", "right", "blocks": [{file, start, name,
    text}]}]; cells: {(variant, contract): (verdict, shown)};
    links: every href and src, in order."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.pairs, self.cells, self.links = [], {}, []
        self.variant, self.block, self.cell = None, None, None
        self.in_pre = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.links += [a[k] for k in ("href", "src") if k in a]
        cls = a.get("class", "").split()
        if "pair" in cls:
            self.pairs.append({"left": a["data-left"],
                               "right": a["data-right"], "blocks": []})
        elif "block" in cls and "data-file" in a:
            self.block = {"file": a["data-file"], "name": a["data-name"],
                          "start": int(a["data-start"]), "text": ""}
            self.pairs[-1]["blocks"].append(self.block)
        elif tag == "pre" and self.block is not None:
            self.in_pre = True
        elif tag == "tr" and "data-variant" in a:
            self.variant = a["data-variant"]
        elif tag == "td" and "data-contract" in a:
            self.cell = [a["data-verdict"], ""]
            self.cells[(self.variant, a["data-contract"])] = self.cell

    def handle_endtag(self, tag):
        if tag == "pre" and self.in_pre:
            self.in_pre, self.block = False, None
        elif tag == "td":
            self.cell = None

    def handle_data(self, data):
        if self.in_pre:
            self.block["text"] += data
        elif self.cell is not None:
            self.cell[1] += data
