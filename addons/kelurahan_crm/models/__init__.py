from . import kelurahan_portal_throttle, res_lang
