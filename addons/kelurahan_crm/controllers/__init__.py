from . import main, portal, service_portal, service_public
