from . import main
from . import portal
from . import service_portal
from . import service_public
from . import whatsapp
