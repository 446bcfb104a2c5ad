from . import models, tools, wizards
