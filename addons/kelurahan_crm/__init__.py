from . import models, tools
