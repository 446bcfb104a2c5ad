from . import home
from . import main
from . import portal
from . import tracking_feedback
from . import agency_portal
from . import agency_board
from . import privacy
from . import mail
