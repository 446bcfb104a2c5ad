"""`make i18n`: refresh each addon's i18n/<addon>.pot from a database where both
addons are installed, and merge it into i18n/id.po (keeping existing translations,
adding new terms untranslated, dropping removed ones). Prints what is left.

Run by tools/i18n.sh inside the project's environment."""

import io
import os
import sys
from pathlib import Path

import polib

import odoo
from odoo.tools.translate import trans_export

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(
    path.parent.name for path in (ROOT / "addons").glob("*/__manifest__.py")
)


def export_pot(env, module):
    buffer = io.BytesIO()
    trans_export(None, [module], buffer, "po", env.cr)
    return polib.pofile(buffer.getvalue().decode())


def merge(pot, po_path):
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    po.metadata.update(
        {
            "Project-Id-Version": "Odoo Server 18.0",
            "Language": "id",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
    )
    po.merge(pot)
    for entry in [e for e in po if e.obsolete]:
        po.remove(entry)
    po.sort(key=lambda e: (e.obsolete, e.msgid))
    po.save(str(po_path))
    return [e for e in po if not e.obsolete and not e.msgstr]


def main():
    odoo.tools.config.parse_config(sys.argv[1:])
    db = os.environ["KEL_I18N_DB"]
    registry = odoo.registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        todo = 0
        for module in ADDONS:
            env.cr.execute(
                "SELECT 1 FROM ir_module_module "
                "WHERE name = %s AND state = 'installed'",
                [module],
            )
            if not env.cr.fetchone():
                # An empty export would wipe its id.po: refuse instead.
                print(f"ERROR: {module} is not installed in {db}; nothing written")
                return 1
            pot = export_pot(env, module)
            i18n = ROOT / "addons" / module / "i18n"
            i18n.mkdir(exist_ok=True)
            pot.save(str(i18n / f"{module}.pot"))
            missing = merge(pot, i18n / "id.po")
            todo += len(missing)
            print(f"{module}: {len(pot)} terms, {len(missing)} untranslated in id.po")
    return 1 if todo else 0


if __name__ == "__main__":
    sys.exit(main())
