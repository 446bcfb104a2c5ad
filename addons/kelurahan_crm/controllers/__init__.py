from . import home
from . import main
from . import portal
from . import tracking_feedback
from . import privacy
