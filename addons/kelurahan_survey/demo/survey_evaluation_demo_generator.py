# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo answers for the evaluation: a Likert year (better after the go-live, some
aspects more than others, correlated items so the reliability is meaningful,
residents answering in both periods, tagged open answers, RW and channel) and a
literacy round (lower scores for older residents and in two RWs)."""

import random
from datetime import date, datetime, timedelta

from .survey_demo_generator import DEMO_DAYS, DEMO_GO_LIVE, DEMO_START, _demo_line

# mean shift of each aspect before / after the go-live on the 1–5 scale
ASPECT_SHIFT = {
    "kecepatan": (-0.6, 0.4),
    "keramahan": (0.3, 0.4),
    "akses_informasi": (-0.5, 0.3),
    "sarana_teknologi": (-0.9, 0.5),
    "responsivitas_pengaduan": (-0.4, 0.2),
}
# RWs whose residents mostly use the balai RW post (RW 03: 7 of 8 = 87.5 %)
BALAI_RW = {3: 0.875, 7: 0.6}
OPEN_ANSWERS = {
    "kendala": {
        "theme_waktu_tunggu": "Antre lama sekali di loket.",
        "theme_persyaratan": "Persyaratannya tidak jelas, harus bolak-balik.",
        "theme_jaringan": "Aplikasinya sering gagal dibuka di ponsel saya.",
    },
    "alasan_saluran": {
        "theme_dekat_rumah": "Pos balai RW dekat rumah.",
        "theme_dibantu_petugas": "Saya lebih suka dibantu petugas langsung.",
        "theme_praktis_daring": "Bisa dari rumah, tidak perlu izin kerja.",
    },
}
LITERACY_DAY = date(2026, 9, 1)
BASELINE_2023 = {
    "kecepatan": 58.0,
    "keramahan": 74.0,
    "akses_informasi": 52.0,
    "sarana_teknologi": 35.0,
    "responsivitas_pengaduan": 45.0,
}


def _clip(value):
    return max(1, min(5, round(value)))


def _answer(question, score):
    return question.suggested_answer_ids.filtered(lambda a: a.kel_score == score)[:1]


def generate_likert_demo(env, seed=2023):
    survey = env.ref("kelurahan_survey.survey_likert")
    if survey.user_input_ids:
        return
    rng = random.Random(seed)
    survey.write({"kel_go_live_date": DEMO_GO_LIVE, "kel_population": 1000})
    aspects = survey.question_ids.filtered("kel_aspect")
    rw_question = env.ref("kelurahan_survey.likert_q_rw")
    open_questions = {
        "kendala": env.ref("kelurahan_survey.likert_q_kendala"),
        "alasan_saluran": env.ref("kelurahan_survey.likert_q_alasan_saluran"),
    }
    channels = {
        "walk_in": env.ref("kelurahan_crm.channel_walk_in"),
        "whatsapp": env.ref("kelurahan_crm.channel_whatsapp"),
        "portal": env.ref("kelurahan_crm.channel_portal"),
        "balai_rw": env.ref("kelurahan_crm.channel_balai_rw"),
    }
    # residents answering in both periods: the paired tests
    panel = env["res.partner"].create(
        [
            {"name": f"Responden Panel {i:02d}", "email": f"panel{i:02d}@example.id"}
            for i in range(1, 31)
        ]
    )
    plan = []
    for offset in range(DEMO_DAYS):
        day = DEMO_START + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        plan.append((day, None))
    for partner in panel:
        for start in (DEMO_START, DEMO_GO_LIVE):
            day = start + timedelta(days=rng.randrange(20, 150))
            while day.weekday() >= 5:
                day += timedelta(days=1)
            plan.append((day, partner))
    input_vals, meta = [], []
    for day, partner in plan:
        after = day >= DEMO_GO_LIVE
        rw = rng.randint(1, 10)
        if rng.random() < BALAI_RW.get(rw, 0.15):
            channel = channels["balai_rw"]
        else:
            choices = ["walk_in", "whatsapp", "portal"] if after else ["walk_in"] * 2
            channel = channels[rng.choice(choices + ["whatsapp"])]
        moment = datetime.combine(day, datetime.min.time()) + timedelta(
            hours=1 + rng.random() * 7
        )
        input_vals.append(
            {
                "survey_id": survey.id,
                "state": "done",
                "start_datetime": moment - timedelta(minutes=4),
                "end_datetime": moment,
                "channel_id": channel.id,
                "partner_id": partner.id if partner else False,
            }
        )
        meta.append((after, rw, channel == channels["balai_rw"]))
    inputs = env["survey.user_input"].create(input_vals)
    line_vals = []
    for user_input, (after, rw, balai) in zip(inputs, meta, strict=True):
        latent = rng.gauss(3.6 if after else 3.1, 0.75)
        for question in aspects:
            shift = ASPECT_SHIFT.get(question.kel_aspect, (0, 0))[after]
            score = _clip(latent + shift + rng.gauss(0, 0.55))
            line_vals.append(_demo_line(user_input, question, _answer(question, score)))
        line_vals.append(
            _demo_line(
                user_input, rw_question, rw_question.suggested_answer_ids[rw - 1]
            )
        )
        for kind, question in open_questions.items():
            if rng.random() > 0.45:
                continue
            pool = list(OPEN_ANSWERS[kind].items())
            if kind == "kendala":
                weights = (1, 3, 4) if after else (6, 3, 1)
            else:
                weights = (6, 3, 1) if balai else (1, 2, 5) if after else (1, 5, 1)
            theme_xmlid, text = rng.choices(pool, weights=weights)[0]
            line_vals.append(
                {
                    "user_input_id": user_input.id,
                    "question_id": question.id,
                    "answer_type": "text_box",
                    "value_text_box": text,
                    "kel_theme_ids": [
                        (6, 0, [env.ref(f"kelurahan_survey.{theme_xmlid}").id])
                    ],
                }
            )
    env["survey.user_input.line"].create(line_vals)


def generate_literacy_demo(env, seed=2024):
    survey = env.ref("kelurahan_survey.survey_literacy")
    if survey.user_input_ids:
        return
    rng = random.Random(seed)
    items = survey.question_ids.filtered("kel_aspect")
    rw_q = env.ref("kelurahan_survey.literacy_q_rw")
    age_q = env.ref("kelurahan_survey.literacy_q_age")
    sex_q = env.ref("kelurahan_survey.literacy_q_sex")
    input_vals, meta = [], []
    for i in range(240):
        day = LITERACY_DAY + timedelta(days=i % 60)
        moment = datetime.combine(day, datetime.min.time()) + timedelta(hours=2)
        input_vals.append(
            {
                "survey_id": survey.id,
                "state": "done",
                "start_datetime": moment,
                "end_datetime": moment + timedelta(minutes=3),
            }
        )
        meta.append((rng.randint(1, 10), rng.randrange(5), rng.randrange(2)))
    inputs = env["survey.user_input"].create(input_vals)
    line_vals = []
    for user_input, (rw, age, sex) in zip(inputs, meta, strict=True):
        # older residents and RW 03 / RW 07 (the balai RW users) score lower
        latent = rng.gauss(4.6 - 0.4 * age - (1.0 if rw in (3, 7) else 0), 0.6)
        for question in items:
            score = _clip(latent + rng.gauss(0, 0.5))
            line_vals.append(_demo_line(user_input, question, _answer(question, score)))
        for question, index in ((rw_q, rw - 1), (age_q, age), (sex_q, sex)):
            line_vals.append(
                _demo_line(user_input, question, question.suggested_answer_ids[index])
            )
    env["survey.user_input.line"].create(line_vals)


def generate_baselines(env):
    Baseline = env["kelurahan.survey.indicator.baseline"]
    if Baseline.search_count([]):
        return
    indicators = env["kelurahan.survey.indicator"].search([])
    Baseline.create(
        [
            {
                "indicator_id": indicator.id,
                "value": BASELINE_2023[indicator.code],
                "year": 2023,
                "source": "Studi awal 2023 (angka contoh demo)",
            }
            for indicator in indicators
            if indicator.code in BASELINE_2023
        ]
    )
