from . import res_lang
