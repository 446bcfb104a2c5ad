# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Data of the scale benchmark (bench_scale.py), written by SQL: N complaints over
three years with dispositions, residents (partners and portal users) following
their complaints, service requests and SKM survey responses. Reference data (RW/RT,
the role users) goes through the ORM; the volumes through ``INSERT ... SELECT
generate_series``, keeping what Odoo relies on consistent: numbers unique per
company and the sequences moved past them, unique tokens, stored related values
(kel_state of the stage), followers unique per record."""

import time
from datetime import date

import benchlib

YEARS_DAYS = 1095
BENCH_TAG = "BENCH-SCALE"
ROLE_LOGINS = {
    "petugas": "kelurahan_crm.group_kelurahan_officer",
    "lurah": "kelurahan_crm.group_kelurahan_lurah",
    "rw01": "kelurahan_crm.group_kelurahan_rw",
}
RESIDENT_LOGIN = "warga"
# Channels of complaints (code, share): portal and WhatsApp carry a resident.
CHANNEL_SHARES = [
    ("portal", 0.30),
    ("whatsapp", 0.30),
    ("balai_rw", 0.15),
    ("walk_in", 0.10),
    ("phone", 0.05),
    ("social_media", 0.04),
    ("email", 0.03),
    ("jaki", 0.02),
    ("lapor", 0.01),
]
RW_COUNT = 10
RT_PER_RW = 6


def cumulative(shares):
    """Upper bounds of the buckets for ``width_bucket(random(), bounds)``."""
    total, bounds = 0.0, []
    for share in shares[:-1]:
        total += share
        bounds.append(round(total, 4))
    return bounds


def reference_data(env):
    """RW/RT, the staff users of the measured roles, portal limits off."""
    company = env.ref("base.main_company")
    Rw = env["kelurahan.rw"]
    rws = Rw.search([("company_id", "=", company.id)], order="number")
    if not rws:
        rws = Rw.create(
            [
                {"name": f"RW {n:02d}", "number": n, "company_id": company.id}
                for n in range(1, RW_COUNT + 1)
            ]
        )
        env["kelurahan.rt"].create(
            [
                {"name": f"RT {t:03d}", "number": t, "rw_id": rw.id}
                for rw in rws
                for t in range(1, RT_PER_RW + 1)
            ]
        )
    Users = env["res.users"].with_context(no_reset_password=True)
    for login, group in ROLE_LOGINS.items():
        if Users.search_count([("login", "=", login)]):
            continue
        vals = {
            "name": f"Bench {login}",
            "login": login,
            "password": login,
            "email": f"{login}@bench.invalid",
            "tz": "Asia/Jakarta",
            "groups_id": [(6, 0, [env.ref(group).id])],
        }
        if login == "rw01":
            vals["kel_rw_ids"] = [(6, 0, rws[:1].ids)]
        Users.create(vals)
    params = env["ir.config_parameter"]
    # The benchmark posts many forms from one address, at once: no rate limit, no
    # minimum filling time (both are per-client protections, not server work).
    for key in (
        "kelurahan_crm.portal_report_limit",
        "kelurahan_crm.portal_form_min_seconds",
        "kelurahan_crm.portal_track_limit",
    ):
        params.set_param(key, "0")
    return company, rws


def seed_residents(env, company, residents):
    """``residents`` partners with a portal user each (login warga, warga2, …)."""
    cr = env.cr
    portal = env.ref("base.group_portal")
    groups = (portal | portal.trans_implied_ids).ids
    cr.execute(
        """
        CREATE TEMP TABLE bench_resident AS
        SELECT g, nextval('res_partner_id_seq')::int AS partner_id,
               nextval('res_users_id_seq')::int AS user_id
          FROM generate_series(1, %s) g;
        CREATE UNIQUE INDEX ON bench_resident (g);
        ANALYZE bench_resident;
        INSERT INTO res_partner (id, name, complete_name, email, email_normalized,
               phone, street, city, lang, tz, type, active, is_company,
               partner_share, commercial_partner_id, create_date, write_date,
               create_uid, write_uid)
        SELECT partner_id, 'Warga ' || g, 'Warga ' || g,
               'warga' || g || '@bench.invalid', 'warga' || g || '@bench.invalid',
               '+62 812 ' || lpad(g::text, 8, '0'), 'Jl. Bench No. ' || g,
               'Jakarta Timur', 'id_ID', 'Asia/Jakarta', 'contact', true, false,
               true, partner_id, now(), now(), 1, 1
          FROM bench_resident;
        INSERT INTO res_users (id, login, partner_id, company_id, active, share,
               notification_type, create_date, write_date, create_uid, write_uid)
        SELECT user_id, CASE WHEN g = 1 THEN %s ELSE %s || g END, partner_id,
               %s, true, true, 'email', now(), now(), 1, 1
          FROM bench_resident;
        INSERT INTO res_company_users_rel (cid, user_id)
        SELECT %s, user_id FROM bench_resident;
        INSERT INTO res_groups_users_rel (gid, uid)
        SELECT gid, user_id FROM bench_resident, unnest(%s::int[]) gid;
        """,
        [
            residents,
            RESIDENT_LOGIN,
            RESIDENT_LOGIN,
            company.id,
            company.id,
            groups,
        ],
    )
    env.invalidate_all()
    user = env["res.users"].search([("login", "=", RESIDENT_LOGIN)])
    user.password = RESIDENT_LOGIN


def seed_complaints(env, company, rws, n):
    """N complaints over three years, ids growing with the date: one in six open
    (most of the last two months, a backlog of older ones), one open in five of
    those past its deadline; a resident on portal/WhatsApp ones."""
    cr = env.cr
    stages = {
        s: env.ref(f"kelurahan_crm.stage_{s}").id
        for s in ("new", "verify", "dispatch", "progress", "done", "rejected")
    }
    Channel = env["helpdesk.ticket.channel"]
    channels = [
        Channel.search([("code", "=", code)], limit=1).id for code, _s in CHANNEL_SHARES
    ]
    categories = env["helpdesk.ticket.category"].search([], order="id").ids
    officers = (
        env["res.users"].search([("login", "in", ["petugas", "lurah", "admin"])]).ids
    )
    rw_shares = [0.16, 0.14, 0.12, 0.11, 0.1, 0.09, 0.08, 0.07, 0.07, 0.06]
    rt_first = [rw.rt_ids.sorted("number")[:1].id for rw in rws]
    cr.execute(
        """
        CREATE TEMP TABLE bench_ticket AS
        SELECT t.g, reported, age, open_, state,
               CASE WHEN state = 'new' THEN NULL
                    ELSE reported + fu_hours * INTERVAL '1 hour' END AS followup,
               fu_hours, done_hours,
               open_ AND age > 14 AND r_late < 0.2 AS overdue,
               channel, r.partner_id AS resident
          FROM (
            SELECT g, reported, age, open_, r_late, fu_hours, done_hours, channel,
                   CASE WHEN open_ THEN (ARRAY['new', 'verify', 'dispatch',
                        'progress'])[1 + width_bucket(r_state, ARRAY[0.15, 0.3, 0.6])]
                        WHEN r_state < 0.9 THEN 'done' ELSE 'rejected' END AS state,
                   CASE WHEN channel <= 2 AND r_late > 0.08
                        THEN (1 + (g::bigint * 7919) %% %(res)s)::int
                   END AS resident_g
              FROM (
                SELECT g, reported,
                       extract(epoch FROM now() AT TIME ZONE 'UTC' - reported)
                           / 86400 AS age,
                       random() < CASE WHEN now() AT TIME ZONE 'UTC' - reported
                                       < INTERVAL '60 days' THEN 0.6 ELSE 0.13 END
                           AS open_,
                       random() AS r_state, random() AS r_late,
                       1 + power(random(), 2) * 70 AS fu_hours,
                       24 + power(random(), 2) * 500 AS done_hours,
                       1 + width_bucket(random(), %(ch_bounds)s) AS channel
                  FROM (
                    SELECT g, now() AT TIME ZONE 'UTC' - INTERVAL '%(days)s days'
                              + (g::float / %(n)s) * INTERVAL '%(days)s days'
                              - random() * INTERVAL '1 hour' AS reported
                      FROM generate_series(1, %(n)s) g
                  ) d
              ) s
          ) t
          LEFT JOIN bench_resident r ON r.g = t.resident_g;
        INSERT INTO helpdesk_ticket (
            name, description, number, company_id, category_id, channel_id,
            rw_id, rt_id, partner_id, commercial_partner_id, partner_name,
            partner_email, reporter_name, reporter_phone, location_address,
            is_anonymous, is_confidential, kel_verified, date_reported,
            date_followup, date_done, stage_id, kel_state, last_stage_update,
            closed_date, user_id, deadline_followup, deadline_resolution,
            is_overdue, is_within_deadline, response_hours, response_days,
            resolution_hours, resolution_days, kel_followup_target,
            kel_resolution_target, kel_track_token, access_token, support_count,
            priority, kanban_state, unattended, active, create_date, write_date,
            create_uid, write_uid)
        SELECT 'Laporan ' || g || ' ' || %(tag)s,
               '<p>Laporan warga nomor ' || g || ': jalan rusak di depan rumah</p>',
               'ADU/' || extract(year FROM reported) || '/' || lpad(g::text, 6, '0'),
               %(company)s,
               (%(categories)s::int[])[1 + floor(power(random(), 1.7)
                   * cardinality(%(categories)s::int[]))::int],
               (%(channels)s::int[])[channel],
               (%(rws)s::int[])[rw], CASE WHEN random() < 0.7
                   THEN (%(rt_first)s::int[])[rw] + (g %% %(rt_per_rw)s) END,
               resident, resident,
               CASE WHEN resident IS NOT NULL THEN 'Warga' END,
               CASE WHEN resident IS NOT NULL THEN 'warga@bench.invalid' END,
               'Pelapor ' || g, '+62 813 ' || lpad(g::text, 8, '0'),
               'Jl. Contoh No. ' || (g %% 300), resident IS NULL AND g %% 20 = 1,
               g %% 33 = 2, state <> 'new', reported, followup,
               CASE WHEN state IN ('done', 'rejected')
                    THEN followup + done_hours * INTERVAL '1 hour' END,
               (%(stages)s::jsonb ->> state)::int, state,
               COALESCE(followup, reported),
               CASE WHEN state IN ('done', 'rejected')
                    THEN followup + done_hours * INTERVAL '1 hour' END,
               CASE WHEN state <> 'new' THEN (%(officers)s::int[])[1 + g %% 3] END,
               reported + INTERVAL '3 days',
               CASE WHEN overdue OR NOT open_ THEN reported + INTERVAL '14 days'
                    ELSE greatest(reported + INTERVAL '14 days',
                                  now() AT TIME ZONE 'UTC'
                                  + (g %% 20) * INTERVAL '1 day')
               END,
               overdue,
               CASE WHEN state IN ('done', 'rejected')
                    THEN fu_hours + done_hours < 14 * 24 END,
               CASE WHEN followup IS NOT NULL THEN fu_hours END,
               CASE WHEN followup IS NOT NULL THEN fu_hours / 24 END,
               CASE WHEN state IN ('done', 'rejected') THEN fu_hours + done_hours END,
               CASE WHEN state IN ('done', 'rejected')
                    THEN (fu_hours + done_hours) / 24 END,
               3, 14,
               md5(random()::text) || to_hex(g), md5(random()::text) || to_hex(g),
               1 + (g %% 97 = 0)::int * 3, '1', 'normal', state = 'new', true,
               reported, COALESCE(followup, reported), 1, 1
          FROM (
            SELECT *, 1 + width_bucket(random(), %(rw_bounds)s) AS rw FROM bench_ticket
          ) b
         ORDER BY g
        """,
        {
            "res": max(1, seed_count(cr, "bench_resident")),
            "ch_bounds": cumulative([share for _c, share in CHANNEL_SHARES]),
            "rw_bounds": cumulative(rw_shares),
            "days": YEARS_DAYS,
            "n": n,
            "tag": BENCH_TAG,
            "company": company.id,
            "categories": categories,
            "channels": channels,
            "rws": rws.ids,
            "rt_first": rt_first,
            "rt_per_rw": RT_PER_RW,
            "stages": _json(stages),
            "officers": officers,
        },
    )
    # Followers: the resident of the complaint and the officer in charge.
    cr.execute(
        """
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'helpdesk.ticket', id, partner_id FROM helpdesk_ticket
         WHERE partner_id IS NOT NULL
        UNION ALL
        SELECT 'helpdesk.ticket', t.id, u.partner_id
          FROM helpdesk_ticket t JOIN res_users u ON u.id = t.user_id
         WHERE t.partner_id IS DISTINCT FROM u.partner_id
        """
    )
    sequence = env["ir.sequence"].search([("code", "=", "kelurahan.complaint")])
    sequence.number_next_actual = n + 1


def seed_count(cr, table):
    cr.execute(f"SELECT count(*) FROM {table}")
    return cr.fetchone()[0]


def _json(value):
    import json

    return json.dumps(value)


def seed_dispositions(env):
    """About one disposition per two complaints (a second one for one in ten):
    answered for finished complaints, half answered for open ones, the others
    late when their due date (a week) has passed."""
    agencies = env["kelurahan.agency"].search([]).ids
    env.cr.execute(
        """
        INSERT INTO kelurahan_disposition (ticket_id, agency_id, company_id,
               user_id, date_sent, date_due, date_done, state, is_answered,
               ticket_rw_id, ticket_is_confidential, ticket_create_uid,
               create_date, write_date, create_uid, write_uid)
        SELECT id,
               (%(agencies)s::int[])[1 + (id + k)
                   %% cardinality(%(agencies)s::int[])],
               company_id, user_id, sent, sent + INTERVAL '7 days', done,
               CASE WHEN done IS NOT NULL THEN 'done'
                    WHEN sent + INTERVAL '7 days' < now() AT TIME ZONE 'UTC'
                    THEN 'overdue' ELSE 'sent' END,
               done IS NOT NULL, rw_id, is_confidential, ticket_create_uid,
               sent, COALESCE(done, sent), 1, 1
          FROM (
            SELECT t.id, k, t.company_id, t.user_id, t.rw_id, t.is_confidential,
                   t.create_uid AS ticket_create_uid,
                   t.date_followup + k * INTERVAL '1 hour' AS sent,
                   CASE WHEN t.kel_state IN ('done', 'rejected')
                        THEN t.date_followup + k * INTERVAL '1 hour'
                             + (t.date_done - t.date_followup) / 2
                        WHEN random() < 0.5
                        THEN least(now() AT TIME ZONE 'UTC',
                                   t.date_followup + INTERVAL '2 days')
                   END AS done
              FROM helpdesk_ticket t, generate_series(1, 2) k
             WHERE t.date_followup IS NOT NULL AND t.kel_state <> 'verify'
               -- none on confidential complaints: an RW officer's dashboard
               -- lists late dispositions of complaints their rule hides and
               -- fails (AccessError, reported in issue 22's notes)
               AND NOT t.is_confidential
               AND (k = 1 AND t.id %% 100 < 48 OR k = 2 AND t.id %% 100 < 6)
          ) d
        """,
        {"agencies": agencies},
    )


def seed_service_requests(env, company, count):
    """Service requests over three years, numbered per year as the sequence does
    (PMH/<year>/00001), the sequence's year ranges moved past them."""
    cr = env.cr
    services = env["kelurahan.service"].search([]).ids
    rws = env["kelurahan.rw"].search([("company_id", "=", company.id)]).ids
    cr.execute(
        """
        INSERT INTO kelurahan_service_request (service_id, company_id, partner_id,
               rw_id, number, applicant_name, applicant_phone, channel, state,
               date_submitted, date_done, date_deadline, access_token, purpose,
               create_date, write_date, create_uid, write_uid)
        SELECT (%(services)s::int[])[1 + g %% cardinality(%(services)s::int[])],
               %(company)s, partner_id,
               (%(rws)s::int[])[1 + g %% cardinality(%(rws)s::int[])],
               'PMH/' || extract(year FROM submitted) || '/'
                   || lpad((row_number() OVER (PARTITION BY extract(year FROM submitted)
                                               ORDER BY g))::text, 5, '0'),
               'Pemohon ' || g, '+62 814 ' || lpad(g::text, 8, '0'),
               (ARRAY['portal', 'rw_post', 'counter'])[1 + g %% 3], state, submitted,
               CASE WHEN state = 'done' THEN submitted + INTERVAL '2 days' END,
               (submitted + INTERVAL '5 days')::date,
               md5(random()::text) || to_hex(g), 'Keperluan administrasi',
               submitted, submitted, 1, 1
          FROM (
            SELECT gs.g, r.partner_id,
                   now() AT TIME ZONE 'UTC' - INTERVAL '%(days)s days'
                       + (gs.g::float / %(count)s) * INTERVAL '%(days)s days'
                       AS submitted,
                   CASE WHEN gs.g > %(count)s * 0.98
                        THEN (ARRAY['submitted', 'verify', 'process',
                                    'ready'])[1 + gs.g %% 4]
                        WHEN gs.g %% 25 = 0 THEN 'rejected' ELSE 'done' END AS state
              FROM generate_series(1, %(count)s) AS gs(g)
              LEFT JOIN bench_resident r
                ON gs.g %% 3 = 0 AND r.g = 1 + (gs.g * 31) %% %(res)s
          ) s
        """,
        {
            "services": services,
            "company": company.id,
            "rws": rws,
            "days": YEARS_DAYS,
            "count": count,
            "res": max(1, seed_count(cr, "bench_resident")),
        },
    )
    cr.execute(
        "SELECT extract(year FROM date_submitted)::int, count(*)"
        " FROM kelurahan_service_request GROUP BY 1"
    )
    sequence = env["ir.sequence"].search([("code", "=", "kelurahan.service.request")])
    Range = env["ir.sequence.date_range"]
    for year, number in cr.fetchall():
        ranges = sequence.date_range_ids.filtered(
            lambda r, y=year: r.date_from.year == y
        ) or Range.create(
            {
                "sequence_id": sequence.id,
                "date_from": date(year, 1, 1),
                "date_to": date(year, 12, 31),
            }
        )
        ranges.number_next_actual = number + 1


def seed_survey(env, responses):
    """SKM responses over the last year, one answer line per element (U1–U9),
    scores leaning to "good" (3)."""
    cr = env.cr
    survey = env.ref("kelurahan_survey.survey_skm")
    questions = survey.question_ids.filtered("kel_unsur").sorted("sequence")
    rows = [
        (q.id, q.sequence, q.suggested_answer_ids.sorted("kel_score").ids)
        for q in questions
    ]
    channels = (
        env["helpdesk.ticket.channel"]
        .search([("code", "in", ["portal", "whatsapp", "walk_in"])])
        .ids
    )
    cr.execute("SELECT COALESCE(max(id), 0) FROM survey_user_input")
    first = cr.fetchone()[0]
    cr.execute(
        """
        INSERT INTO survey_user_input (survey_id, partner_id, state, access_token,
               test_entry, start_datetime, end_datetime, channel_id, kel_is_kiosk,
               create_date, write_date, create_uid, write_uid)
        SELECT %(survey)s, r.partner_id, 'done', md5(random()::text) || to_hex(s.g),
               false, ended - INTERVAL '3 minutes', ended,
               (%(channels)s::int[])[1 + s.g %% cardinality(%(channels)s::int[])],
               s.g %% 5 = 0, ended, ended, 1, 1
          FROM (
            SELECT g, now() AT TIME ZONE 'UTC' - INTERVAL '365 days'
                       + (g::float / %(count)s) * INTERVAL '365 days' AS ended
              FROM generate_series(1, %(count)s) g
          ) s
          LEFT JOIN bench_resident r ON s.g %% 2 = 0 AND r.g = 1 + (s.g * 13) %% %(res)s
        """,
        {
            "survey": survey.id,
            "channels": channels,
            "count": responses,
            "res": max(1, seed_count(cr, "bench_resident")),
        },
    )
    cr.execute(
        """
        INSERT INTO survey_user_input_line (user_input_id, survey_id, question_id,
               question_sequence, answer_type, suggested_answer_id, skipped,
               answer_score, create_date, write_date, create_uid, write_uid)
        SELECT ui.id, ui.survey_id, q.qid, q.seq, 'suggestion',
               q.answers[1 + width_bucket(random(), ARRAY[0.04, 0.16, 0.72])],
               false, 0, ui.end_datetime, ui.end_datetime, 1, 1
          FROM survey_user_input ui,
               jsonb_to_recordset(%(questions)s::jsonb) AS q(qid int, seq int,
                                                            answers int[])
         WHERE ui.id > %(first)s AND ui.survey_id = %(survey)s
         ORDER BY ui.id, q.seq
        """,
        {
            "questions": _json(
                [{"qid": q, "seq": s, "answers": a} for q, s, a in rows]
            ),
            "first": first,
            "survey": survey.id,
        },
    )
    # imported here: ikm_sql imports odoo, importable once the benchmark set it up
    from ikm_sql import fill_unsur_scores

    fill_unsur_scores(cr, survey.id, first)


def seed(env, n, residents, responses):
    """Everything, committed; returns {step: seconds} and the counts."""
    timings = {}
    start = time.perf_counter()
    env = env(su=True)
    company, rws = reference_data(env)
    env.cr.execute("SELECT setseed(0.22)")
    steps = [
        ("residents", lambda: seed_residents(env, company, residents)),
        ("complaints", lambda: seed_complaints(env, company, rws, n)),
        ("dispositions", lambda: seed_dispositions(env)),
        (
            "service requests",
            lambda: seed_service_requests(env, company, max(n // 10, 100)),
        ),
        ("survey responses", lambda: seed_survey(env, responses)),
    ]
    for name, step in steps:
        t0 = time.perf_counter()
        step()
        env.cr.commit()
        timings[name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    benchlib.vacuum_analyze(env)
    timings["vacuum analyze"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - start
    counts = {}
    for table in (
        "helpdesk_ticket",
        "kelurahan_disposition",
        "mail_followers",
        "res_users",
        "kelurahan_service_request",
        "survey_user_input",
        "survey_user_input_line",
    ):
        counts[table] = seed_count(env.cr, table)
    env.invalidate_all()
    return timings, counts
