"""IKM by SQL aggregation vs a Python loop over the same answers.

Creates a throwaway database with kelurahan_survey (no demo), adds N completed SKM
responses (9 unsur + profile each) in batches, then times the IKM for a year, per month
and per service, and the same overall IKM computed by reading every answer through the
ORM. Prints the figures and the SQL/ORM ratio, then drops the database.

    .venv/bin/python bench/ikm_sql.py [--responses N] -- <Odoo arguments>

Run from the repository root; the Odoo arguments are those printed by tools/common.sh
(`odoo_args`): addons path, data dir and database settings.
"""

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta

import odoo
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import SQL


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--explain", action="store_true", help="print the per-service query plan"
    )
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    odoo.tools.config.parse_config(argv[split + 1 :])
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
        db_service.exp_drop(name)


def run(env, args):
    survey = env.ref("kelurahan_survey.survey_skm")
    t0 = time.perf_counter()
    generate(env, survey, args.responses)
    env.flush_all()
    # fresh statistics, as autovacuum keeps them on a live database: without them
    # the planner expects one row and nests loops over thousands
    env.cr.execute("ANALYZE survey_user_input, survey_user_input_line")
    count = env["survey.user_input"].search_count([("survey_id", "=", survey.id)])
    print(f"responses: {count} (created in {time.perf_counter() - t0:.1f} s)")
    start, end = date(2025, 12, 1), date(2026, 11, 30)
    if args.explain:
        query = survey._kel_unsur_sql(
            SQL("svc.suggested_answer_id, q.kel_unsur, COUNT(*), SUM(a.kel_score)"),
            survey._kel_where(start, end),
            SQL("1, 2"),
            "service",
        )
        env.cr.execute(SQL("EXPLAIN ANALYZE %s", query))
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


def _once(func):
    t0 = time.perf_counter()
    func()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
