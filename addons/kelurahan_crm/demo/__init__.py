# Demo data generators: called from this folder's XML files, which Odoo loads only
# into demo databases. Nothing outside demo/ uses them.
from . import complaint_generator
from . import agency_demo
