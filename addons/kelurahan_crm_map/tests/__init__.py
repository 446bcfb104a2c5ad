from . import test_map_boundaries
from . import test_map_features
from . import test_map_portal
from . import test_map_tours
from . import test_i18n
