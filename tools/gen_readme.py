"""Build each addon's README.rst from its readme/*.md fragments (as OCA's
oca-gen-addon-readme does), so the manifest README and the fragments never drift.
Run by pre-commit; rewrites a README.rst only when its content changes."""

import ast
import sys
from pathlib import Path

SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
]


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    title = manifest["name"]
    parts = ["=" * len(title), title, "=" * len(title), "", manifest["summary"], ""]
    parts += [
        f"**License**: {manifest['license']}  **Version**: {manifest['version']}",
        "",
    ]
    for filename, heading in SECTIONS:
        fragment = addon / "readme" / filename
        if not fragment.exists():
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts += [
            fragment.read_text().strip().replace("`", "``").replace("````", "``"),
            "",
        ]
    return "\n".join(parts)


def main():
    root = Path(__file__).resolve().parent.parent / "addons"
    changed = []
    for manifest in sorted(root.glob("*/__manifest__.py")):
        addon = manifest.parent
        text = render(addon)
        target = addon / "README.rst"
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
            changed.append(str(target))
    for path in changed:
        print(f"rewrote {path}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
