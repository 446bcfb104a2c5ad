"""Fill msgstr entries of an id.po from a JSON object {"English source": "Terjemahan"}.
Usage: .venv/bin/python tools/po_fill.py addons/<addon>/i18n/id.po translations.json
Entries already translated are kept unless the JSON names them."""

import json
import sys

import polib


def main(po_path, json_path):
    with open(json_path, encoding="utf-8") as handle:
        mapping = json.load(handle)
    po = polib.pofile(po_path)
    filled = 0
    for entry in po:
        if entry.msgid in mapping:
            entry.msgstr = mapping[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save(po_path)
    left = [e.msgid for e in po if not e.obsolete and not e.msgstr]
    print(f"{po_path}: filled {filled}, untranslated {len(left)}")
    for msgid in left:
        print(f"  {msgid!r}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
