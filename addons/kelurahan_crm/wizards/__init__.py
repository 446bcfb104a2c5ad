from . import kelurahan_export_wizard
from . import kelurahan_kpi_summary
from . import kelurahan_queue_analysis
from . import kelurahan_service_request_reason
