from . import kelurahan_queue_analysis
from . import kelurahan_service_channel_analysis
