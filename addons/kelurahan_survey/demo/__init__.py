# Demo data generators: called from this folder's XML files, which Odoo loads only
# into demo databases. Nothing outside demo/ uses them.
from . import survey_demo_generator
from . import survey_evaluation_demo_generator
