from . import kelurahan_queue_analysis
from . import kelurahan_service_request_reason
from . import kelurahan_queue_walkin
from . import kelurahan_queue_transfer
