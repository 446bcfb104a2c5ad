from . import image_upload, nik, stats
