# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Queue and waiting-time analysis figures, on a database with kelurahan_crm (demo data
gives two months of history). Run inside an Odoo shell; everything is rolled back:

    DB_NAME=<database> bash tools/shell.sh < bench/bench_queue.py

Prints milliseconds per operation and the ratio to the target (ratio < 1 = met).
"""

import datetime
import time

from odoo import fields

TARGETS_MS = {
    "issue walk-in number": 50,
    "call next (500 waiting)": 100,
    "book a slot": 50,
    "waiting-time analysis (all history)": 2000,
}


def timed(label, func, repeat=1):
    start = time.perf_counter()
    for _i in range(repeat):
        func()
    per_op = (time.perf_counter() - start) * 1000 / repeat
    target = TARGETS_MS[label]
    ratio = per_op / target
    print(f"{label:38s} {per_op:9.1f} ms/op  target {target:5d} ms  ratio {ratio:5.2f}")
    return per_op


env = env  # noqa: F821 (provided by odoo shell)
Ticket = env["kelurahan.queue.ticket"]
service = env["kelurahan.service"].create(
    {"name": "Bench", "code": "BENCHQ", "queue_prefix": "Q", "needs_appointment": True}
)
counter = env["kelurahan.counter"].create(
    {"name": "Bench", "code": "BQ", "service_ids": [(6, 0, service.ids)]}
)
history = Ticket.search_count([("state", "=", "served")])
print(f"served tickets in history: {history}")
timed("issue walk-in number", lambda: Ticket._kel_issue_walkin(service), repeat=500)


def call_and_serve():
    counter.action_call_next()
    counter.action_serve()


timed("call next (500 waiting)", call_and_serve, repeat=50)
slots = service._generate_slots(
    date_from=fields.Date.today() + datetime.timedelta(days=1), days=14
)
partners = env["res.partner"].create([{"name": f"Bench {i}"} for i in range(200)])
iterator = iter(partners)
slot_cycle = iter(list(slots) * 10)
timed(
    "book a slot",
    lambda: next(slot_cycle)._kel_book(next(iterator)),
    repeat=200,
)
wizard = env["kelurahan.queue.analysis"].create(
    {
        "date_from_a": fields.Date.today() - datetime.timedelta(days=365),
        "date_to_a": fields.Date.today() - datetime.timedelta(days=31),
        "date_from_b": fields.Date.today() - datetime.timedelta(days=30),
        "date_to_b": fields.Date.today(),
    }
)


def analyse():
    wizard.invalidate_recordset()
    wizard._compute_results()


timed("waiting-time analysis (all history)", analyse, repeat=3)
print(wizard.reading)
env.cr.rollback()
