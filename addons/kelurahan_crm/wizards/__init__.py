from . import kelurahan_export_wizard
from . import kelurahan_kpi_summary
from . import kelurahan_nik_reveal
from . import kelurahan_disposition_move
