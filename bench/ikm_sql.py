"""IKM by SQL aggregation vs a Python loop over the same answers.

Creates a throwaway database with kelurahan_survey (no demo), adds N completed SKM
responses (9 unsur + profile each) in batches, then times the IKM for a year, per month
and per service, and the same overall IKM computed by reading every answer through the
ORM. Prints the figures and the SQL/ORM ratio, then drops the database.

With ``--sql`` the responses are inserted by SQL (``INSERT ... SELECT
generate_series``; 100k responses take about a minute instead of an hour through
the ORM) and ``--no-orm`` skips the ORM loop, which takes minutes at that size.
``--compare`` measures the before/after comparison wizard (per-respondent scores and
its statistics tests): time and Python memory growth (tracemalloc peak and RSS).
``--keep`` keeps the database; ``--reuse NAME`` measures a kept one again.

    .venv/bin/python bench/ikm_sql.py [--responses N] -- <Odoo arguments>
    .venv/bin/python bench/ikm_sql.py --responses 100000 --sql --no-orm --compare \
        --keep -- <Odoo arguments>

Run from the repository root; the Odoo arguments are those printed by tools/common.sh
(`odoo_args`): addons path, data dir and database settings.
"""

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta

import benchlib

import odoo
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import SQL


def fill_unsur_scores(cr, survey_id, first_id=0):
    """Fill the stored unsur scores (survey.user_input._compute_kel_unsur_scores,
    which the ORM computes for the responses it creates) of the responses
    inserted by SQL after ``first_id``: the best valid answer per unsur."""
    scores = ", ".join(f"kel_u{i} = COALESCE(s.u{i}, 0)" for i in range(1, 10))
    maxima = ", ".join(
        f"MAX(a.kel_score) FILTER (WHERE q.kel_unsur = 'U{i}') AS u{i}"
        for i in range(1, 10)
    )
    cr.execute(
        f"""UPDATE survey_user_input ui SET {scores}
              FROM (SELECT l.user_input_id, {maxima}
                      FROM survey_user_input_line l
                      JOIN survey_question q ON q.id = l.question_id
                      JOIN survey_question_answer a ON a.id = l.suggested_answer_id
                     WHERE l.survey_id = %(survey)s AND q.kel_unsur IS NOT NULL
                       AND l.user_input_id > %(first)s
                       AND l.skipped IS NOT TRUE AND a.kel_score BETWEEN 1 AND 4
                  GROUP BY 1) s
             WHERE s.user_input_id = ui.id""",
        {"survey": survey_id, "first": first_id},
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--explain", action="store_true", help="print the IKM query plans"
    )
    parser.add_argument("--sql", action="store_true", help="insert responses by SQL")
    parser.add_argument("--no-orm", action="store_true", help="skip the ORM loop")
    parser.add_argument(
        "--compare", action="store_true", help="measure the comparison wizard"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", help="measure this kept database again")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    odoo.tools.config.parse_config(argv[split + 1 :])
    if args.reuse:
        registry = Registry(args.reuse)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            run(env, args, generated=True)
        return
    name = f"kel_bench_ikm_{int(time.time())}"
    db_service._create_empty_database(name)
    try:
        odoo.tools.config["init"] = {"kelurahan_survey": 1}
        odoo.tools.config["without_demo"] = "all"
        registry = Registry.new(name, update_module=True)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            run(env, args)
    finally:
        Registry.delete(name)
        if args.keep:
            print(f"kept database {name}")
        else:
            db_service.exp_drop(name)


def run(env, args, generated=False):
    survey = env.ref("kelurahan_survey.survey_skm")
    t0 = time.perf_counter()
    if not generated:
        (generate_sql if args.sql else generate)(env, survey, args.responses)
        env.flush_all()
        # without statistics the planner expects one row and nests loops over
        # thousands
        benchlib.vacuum_analyze(env, "survey_user_input", "survey_user_input_line")
    count = env["survey.user_input"].search_count([("survey_id", "=", survey.id)])
    print(f"responses: {count} (created in {time.perf_counter() - t0:.1f} s)")
    start, end = date(2025, 12, 1), date(2026, 11, 30)
    if args.explain:
        for group in (None, "service"):
            query = survey._kel_ikm_sql(survey._kel_where(start, end), group)
            env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
            print("\n".join(row[0] for row in env.cr.fetchall()))

    def timed(label, func):
        best = min(_once(func) for _i in range(args.repeat))
        print(f"{label:<28} {best * 1000:8.1f} ms")
        return best

    sql_year = timed("IKM year (SQL)", lambda: survey._kel_ikm(start, end))
    timed("IKM per month (SQL)", lambda: survey._kel_ikm(start, end, group="month"))
    timed("IKM per service (SQL)", lambda: survey._kel_ikm(start, end, group="service"))

    def orm_loop():
        env.invalidate_all()
        totals = {}
        for user_input in survey.user_input_ids.filtered(
            lambda u: u.state == "done" and not u.test_entry
        ):
            for line in user_input.user_input_line_ids:
                code = line.question_id.kel_unsur
                if code and line.suggested_answer_id:
                    count, total = totals.get(code, (0, 0))
                    totals[code] = (
                        count + 1,
                        total + line.suggested_answer_id.kel_score,
                    )
        return sum(t / c for c, t in totals.values()) / 9 * 25

    if args.compare:
        compare(env, survey, args)
    if args.no_orm:
        return
    orm_year = timed("IKM year (ORM loop)", orm_loop)
    sql_value = survey._kel_ikm(start, end)[None]["converted"]
    print(f"same IKM: {round(orm_loop(), 2) == sql_value} ({sql_value})")
    print(f"ratio ORM loop / SQL: {orm_year / sql_year:.1f}x")


def generate(env, survey, n, seed=7, chunk=1000):
    """``n`` completed responses spread over 2025-12-01 .. 2026-11-30."""
    rng = random.Random(seed)
    questions = survey.question_ids.filtered(lambda q: q.kel_unsur or q.kel_profile)
    options = {q: q.suggested_answer_ids for q in questions}
    first = datetime(2025, 12, 1, 2, 0)
    for offset in range(0, n, chunk):
        inputs = env["survey.user_input"].create(
            [
                {
                    "survey_id": survey.id,
                    "state": "done",
                    "end_datetime": first + timedelta(minutes=rng.randrange(525600)),
                }
                for _i in range(min(chunk, n - offset))
            ]
        )
        env["survey.user_input.line"].create(
            [
                {
                    "user_input_id": user_input.id,
                    "question_id": question.id,
                    "answer_type": "suggestion",
                    "suggested_answer_id": rng.choice(answers).id,
                }
                for user_input in inputs
                for question, answers in options.items()
            ]
        )
        env.flush_all()
        env.invalidate_all()


def generate_sql(env, survey, n, seed=0.7):
    """``n`` completed responses over 2025-12-01 .. 2026-11-30 by SQL: one line per
    unsur and profile question, a random option each (seeded)."""
    questions = survey.question_ids.filtered(lambda q: q.kel_unsur or q.kel_profile)
    cr = env.cr
    cr.execute("SELECT setseed(%s)", [seed])
    cr.execute(
        """INSERT INTO survey_user_input (survey_id, state, test_entry, access_token,
                  start_datetime, end_datetime, create_date, write_date,
                  create_uid, write_uid)
           SELECT %(survey)s, 'done', false, md5('bench-ikm-' || g),
                  ts - INTERVAL '3 minutes', ts, ts, ts, 1, 1
             FROM (SELECT g, TIMESTAMP '2025-11-30 17:00'
                          + floor(random() * 525600) * INTERVAL '1 minute' AS ts
                     FROM generate_series(1, %(n)s) g) s
         ORDER BY ts""",
        {"survey": survey.id, "n": n},
    )
    # the lines of a response are stored together, as when it is answered
    cr.execute(
        """INSERT INTO survey_user_input_line (user_input_id, survey_id,
                  question_id, answer_type, suggested_answer_id, skipped,
                  create_date, write_date, create_uid, write_uid)
           SELECT ui.id, ui.survey_id, q.id, 'suggestion',
                  q.answers[1 + floor(random() * cardinality(q.answers))::int],
                  false, ui.end_datetime, ui.end_datetime, 1, 1
             FROM survey_user_input ui
            CROSS JOIN (SELECT sq.id, array_agg(sa.id ORDER BY sa.id) AS answers
                          FROM survey_question sq
                          JOIN survey_question_answer sa ON sa.question_id = sq.id
                         WHERE sq.id = ANY(%(questions)s)
                      GROUP BY sq.id) q
            WHERE ui.survey_id = %(survey)s
         ORDER BY ui.id, q.id""",
        {"survey": survey.id, "questions": questions.ids},
    )
    fill_unsur_scores(cr, survey.id)


def compare(env, survey, args):
    """Time and Python memory of the before/after comparison (two half-years)."""
    import gc
    import tracemalloc

    import psutil

    wizard = env["kelurahan.survey.compare.wizard"].create(
        {
            "survey_id": survey.id,
            "mode": "periods",
            "before_from": date(2025, 12, 1),
            "before_to": date(2026, 5, 31),
            "after_from": date(2026, 6, 1),
            "after_to": date(2026, 11, 30),
        }
    )
    env.invalidate_all()
    gc.collect()
    process = psutil.Process()
    rss0 = process.memory_info().rss
    tracemalloc.start()
    t0 = time.perf_counter()
    values = wizard._kel_compare_values()
    seconds = time.perf_counter() - t0
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss1 = process.memory_info().rss
    counts = [group["count"] for group in values["groups"]]
    welch = values["ikm_tests"][0]["result"]
    print(f"comparison: {seconds * 1000:.0f} ms (under tracemalloc), groups {counts}")
    print(
        f"comparison memory: tracemalloc peak {peak / 2**20:.1f} MB, "
        f"RSS growth {(rss1 - rss0) / 2**20:.1f} MB (target <= 50)"
    )
    print(f"comparison Welch t = {welch.statistic!r}, p = {welch.pvalue!r}")
    for test in values["unsur"][:2]:
        result = test["result"]
        print(f"  {test['code']}: U = {result.statistic!r}, p = {result.pvalue!r}")


def _once(func):
    t0 = time.perf_counter()
    func()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
