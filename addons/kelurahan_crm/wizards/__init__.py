from . import kelurahan_export_wizard, kelurahan_kpi_summary
