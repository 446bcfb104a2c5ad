from . import ikm, reliability
