from . import ikm_report_xlsx
