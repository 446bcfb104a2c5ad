# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Demo complaints of Kelurahan Kalisari, generated relative to the install date.

Called once from ``demo/helpdesk_ticket_demo.xml`` (demo databases only). A fixed random
seed makes every demo database tell the same story; dates are relative to today so the
dashboard always shows the last six months.
"""

import random
from datetime import timedelta

from odoo import api, fields, models

SEED = 20260601
MONTHS_BACK_DAYS = 182

STREETS = [
    "Jl. Kalisari Raya",
    "Jl. Swadaya",
    "Jl. H. Baping",
    "Jl. Pedati",
    "Jl. Masjid Nurul Huda",
    "Jl. Sawo",
    "Jl. Kemuning",
    "Gg. Mawar",
    "Jl. Rambutan",
    "Jl. Al-Hidayah",
    "Jl. Kayu Manis",
    "Jl. Pendidikan",
    "Jl. Bhakti",
    "Jl. Cendrawasih",
    "Jl. Remaja",
    "Jl. Mandor Hasan",
    "Jl. Pancawarga",
    "Gg. Langgar",
    "Jl. Setia Kawan",
    "Jl. Damai",
]
LANDMARKS = [
    "dekat musala",
    "depan SDN Kalisari 01",
    "samping warung Bu Yati",
    "dekat pos ronda",
    "depan gerbang perumahan",
    "dekat lapangan voli",
    "seberang minimarket",
    "di tikungan dekat masjid",
    "depan balai warga",
    "dekat jembatan kali",
    "belakang puskesmas kelurahan",
    "depan TK Pertiwi",
]
SINCE = [
    "sejak kemarin",
    "sejak tiga hari lalu",
    "sudah seminggu",
    "sudah dua minggu lebih",
    "sejak hujan deras semalam",
    "sudah sebulan",
    "setiap malam",
]
FIRST_NAMES = [
    "Ahmad",
    "Budi",
    "Siti",
    "Dewi",
    "Rudi",
    "Sri",
    "Hendra",
    "Yuni",
    "Agus",
    "Rina",
    "Joko",
    "Lina",
    "Bambang",
    "Wati",
    "Eko",
    "Nur",
    "Andi",
    "Fitri",
    "Dedi",
    "Ratna",
    "Imam",
    "Tuti",
    "Fajar",
    "Maya",
    "Slamet",
    "Indah",
    "Hasan",
    "Ani",
]
LAST_NAMES = [
    "Santoso",
    "Wijaya",
    "Rahmawati",
    "Hidayat",
    "Susanti",
    "Kurniawan",
    "Lestari",
    "Saputra",
    "Nugroho",
    "Handayani",
    "Pratama",
    "Siregar",
    "Simanjuntak",
    "Hasibuan",
    "Setiawan",
    "Permana",
    "Maulana",
    "Anggraini",
]

# category xmlid -> (weight, agency xmlids, [(subject, description), ...])
CATEGORIES = {
    "category_sampah": (
        18,
        ["agency_sudin_lh"],
        [
            (
                "Sampah menumpuk di {street}",
                "Sampah rumah tangga menumpuk di pinggir {street} {landmark}, {since} "
                "belum diangkut. Baunya menyengat dan mulai banyak lalat.",
            ),
            (
                "Truk sampah tidak datang",
                "Truk sampah tidak lewat di {street} RT {rt} {since}. Warga terpaksa "
                "menumpuk sampah di depan rumah.",
            ),
            (
                "Pembuangan sampah liar di lahan kosong",
                "Ada orang tidak dikenal membuang sampah dan puing ke lahan kosong "
                "{landmark} di {street}, biasanya malam hari.",
            ),
        ],
    ),
    "category_jalan_rusak": (
        14,
        ["agency_sudin_bina_marga"],
        [
            (
                "Jalan berlubang di {street}",
                "Lubang cukup dalam di badan jalan {street} {landmark}. Sudah ada "
                "pengendara motor yang jatuh, apalagi kalau hujan lubangnya tertutup air.",
            ),
            (
                "Aspal terkelupas dan bergelombang",
                "Aspal di {street} terkelupas sepanjang kira-kira 20 meter {since}. "
                "Mohon segera diperbaiki.",
            ),
        ],
    ),
    "category_banjir": (
        10,
        ["agency_sudin_sda"],
        [
            (
                "Genangan air di {street}",
                "Setiap hujan deras {street} {landmark} tergenang sampai 30 cm dan "
                "lama surutnya. Motor warga banyak yang mogok.",
            ),
            (
                "Banjir masuk ke rumah warga RT {rt}",
                "Air masuk ke rumah warga RT {rt} setinggi mata kaki {since}. "
                "Mohon dicek saluran pembuangannya.",
            ),
        ],
    ),
    "category_saluran_air": (
        10,
        ["agency_sudin_sda"],
        [
            (
                "Saluran air tersumbat",
                "Got di {street} {landmark} tersumbat sampah dan lumpur, airnya tidak "
                "mengalir dan berbau {since}.",
            ),
            (
                "Tutup saluran rusak",
                "Tutup saluran (box culvert) di {street} pecah dan berbahaya untuk "
                "pejalan kaki, terutama anak-anak sekolah.",
            ),
        ],
    ),
    "category_pju": (
        11,
        ["agency_sudin_bina_marga", "agency_pln"],
        [
            (
                "Lampu jalan mati di {street}",
                "Lampu penerangan jalan {landmark} di {street} mati {since}. Jalan jadi "
                "gelap dan warga khawatir rawan kejahatan.",
            ),
            (
                "Lampu PJU berkedip",
                "Lampu PJU di {street} RT {rt} nyala-mati terus {since}.",
            ),
        ],
    ),
    "category_parkir_liar": (
        9,
        ["agency_sudin_perhubungan"],
        [
            (
                "Parkir liar di {street}",
                "Banyak mobil parkir di bahu jalan {street} {landmark} sehingga jalan "
                "menyempit dan macet, terutama sore hari.",
            ),
            (
                "Juru parkir liar",
                "Ada juru parkir liar yang menarik uang di {street} {landmark}, "
                "kadang memaksa.",
            ),
        ],
    ),
    "category_pohon_tumbang": (
        6,
        ["agency_sudin_pertamanan"],
        [
            (
                "Pohon tumbang menutup jalan",
                "Pohon besar tumbang di {street} {landmark} setelah hujan angin dan "
                "menutup sebagian jalan.",
            ),
            (
                "Dahan pohon rawan patah",
                "Dahan pohon di {street} sudah miring dan menyentuh kabel listrik. "
                "Mohon dipangkas sebelum tumbang.",
            ),
        ],
    ),
    "category_fasum": (
        7,
        ["agency_sudin_pertamanan", "agency_kecamatan"],
        [
            (
                "Fasilitas taman rusak",
                "Ayunan dan bangku di taman {landmark} {street} rusak dan berkarat, "
                "berbahaya untuk anak-anak.",
            ),
            (
                "Pompa air MCK umum rusak",
                "Pompa air di MCK umum RT {rt} tidak berfungsi {since}.",
            ),
        ],
    ),
    "category_ketertiban": (
        8,
        ["agency_satpol_pp"],
        [
            (
                "Pedagang kaki lima menutup trotoar",
                "PKL berjualan di trotoar {street} {landmark} sehingga pejalan kaki "
                "harus turun ke jalan.",
            ),
            (
                "Kebisingan hingga larut malam",
                "Ada kegiatan dengan pengeras suara hingga lewat tengah malam di "
                "{street} RT {rt} {since}.",
            ),
            (
                "Balap liar di {street}",
                "Remaja sering balap liar di {street} setiap malam minggu, sangat "
                "mengganggu dan berbahaya.",
            ),
        ],
    ),
    "category_pelayanan_adm": (
        7,
        ["agency_sudin_dukcapil"],
        [
            (
                "Pengurusan KTP lama",
                "Saya mengurus KTP-el di kelurahan {since} tapi belum jadi. Mohon "
                "informasi kapan bisa diambil.",
            ),
            (
                "Surat pengantar belum ditandatangani",
                "Surat pengantar dari RT {rt}/RW {rw} sudah saya serahkan {since} "
                "namun belum selesai diproses.",
            ),
        ],
    ),
}

CHANNELS = [
    ("channel_whatsapp", 25),
    ("channel_balai_rw", 20),
    ("channel_portal", 15),
    ("channel_walk_in", 12),
    ("channel_phone", 8),
    ("channel_jaki", 8),
    ("channel_social_media", 5),
    ("channel_email", 4),
    ("channel_lapor", 3),
]

FOLLOWUP_NOTES = [
    "Petugas sudah meninjau lokasi dan menindaklanjuti bersama PPSU.",
    "Sudah ditangani oleh petugas PPSU kelurahan, lokasi sudah bersih/normal kembali.",
    "Dikoordinasikan dengan instansi terkait, pekerjaan perbaikan sudah selesai.",
    "Telah dilakukan penertiban bersama Satpol PP kelurahan.",
    "Warga sudah dihubungi dan masalah dinyatakan selesai.",
]
REJECT_REASONS = [
    "Lokasi berada di luar wilayah Kelurahan Kalisari.",
    "Laporan tidak dapat diverifikasi: lokasi sudah dicek dan tidak ditemukan masalah.",
    "Bukan kewenangan kelurahan; pelapor diarahkan ke pengelola perumahan.",
]
DISPO_RESPONSES = [
    "Sudah dijadwalkan tim lapangan.",
    "Pekerjaan selesai dilaksanakan.",
    "Sudah ditangani, mohon konfirmasi warga.",
]


class KelurahanDemoGenerator(models.AbstractModel):
    _name = "kelurahan.demo.generator"
    _description = "Demo complaints generator (demo data only)"

    @api.model
    def _generate_complaints(self, count=300, seed=SEED):
        """Create ``count`` complaints over the last six months in every state, with
        dispositions, duplicates (dukungan), overdue, anonymous and confidential ones.
        Deterministic for a given seed and install date."""
        rng = random.Random(seed)
        env = self.env
        ref = env.ref
        company = env.company
        Ticket = env["helpdesk.ticket"].with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            kel_no_notify=True,
        )
        stages = {
            state: ref(f"kelurahan_crm.stage_{state}")
            for state in ("new", "verify", "dispatch", "progress", "done", "rejected")
        }
        categories = {
            xmlid: (ref(f"kelurahan_crm.{xmlid}"), weight, agencies, texts)
            for xmlid, (weight, agencies, texts) in CATEGORIES.items()
        }
        channels = [(ref(f"kelurahan_crm.{xmlid}"), w) for xmlid, w in CHANNELS]
        rws = env["kelurahan.rw"].search([("company_id", "=", company.id)])
        officers = (
            ref("kelurahan_crm.user_demo_officer")
            | ref("kelurahan_crm.user_demo_lurah")
            | ref("base.user_admin")
        )
        resident = ref("kelurahan_crm.partner_demo_warga")
        now = fields.Datetime.now().replace(microsecond=0)

        def pick(weighted):
            items, weights = zip(*weighted, strict=True)
            return rng.choices(items, weights=weights)[0]

        def office_time(moment):
            """Move a moment to office hours (01:00-09:00 UTC = 08-16 WIB)."""
            moment = moment.replace(hour=rng.randint(1, 8), minute=rng.randint(0, 59))
            while moment.weekday() >= 5:
                moment += timedelta(days=1)
            return moment

        def choose_state(age_days):
            if age_days > 30:
                table = [
                    ("done", 74),
                    ("rejected", 7),
                    ("progress", 10),
                    ("dispatch", 6),
                    ("verify", 3),
                ]
            elif age_days > 7:
                table = [
                    ("done", 45),
                    ("progress", 24),
                    ("dispatch", 14),
                    ("verify", 9),
                    ("rejected", 5),
                    ("new", 3),
                ]
            else:
                table = [
                    ("new", 35),
                    ("verify", 25),
                    ("progress", 18),
                    ("dispatch", 12),
                    ("done", 10),
                ]
            return pick(table)

        vals_list = []
        plans = []
        for _index in range(count):
            xmlid = pick([(key, value[1]) for key, value in categories.items()])
            category, _weight, agency_xmlids, texts = categories[xmlid]
            subject, description = rng.choice(texts)
            rw = rng.choice(rws)
            rt = rng.choice(rw.rt_ids) if rw.rt_ids else env["kelurahan.rt"]
            street = rng.choice(STREETS)
            words = {
                "street": street,
                "landmark": rng.choice(LANDMARKS),
                "since": rng.choice(SINCE),
                "rt": f"{rt.number:03d}" if rt else "001",
                "rw": f"{rw.number:02d}",
            }
            # More complaints recently: the office got better known.
            age = int(MONTHS_BACK_DAYS * (rng.random() ** 1.3))
            reported = now - timedelta(
                days=age, hours=rng.randint(0, 10), minutes=rng.randint(0, 59)
            )
            reported = min(reported, now - timedelta(minutes=5))
            state = choose_state(age)
            channel = pick(channels)
            anonymous = rng.random() < 0.05
            confidential = rng.random() < 0.05
            with_account = not anonymous and rng.random() < 0.1
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            vals = {
                "name": subject.format(**words),
                "description": f"<p>{description.format(**words)}</p>",
                "category_id": category.id,
                "channel_id": channel.id,
                "rw_id": rw.id,
                "rt_id": rt.id,
                "location_address": (
                    f"{street} No. {rng.randint(1, 120)}, RT {words['rt']}/RW "
                    f"{words['rw']}, Kalisari"
                ),
                "latitude": round(-6.3375 + rng.uniform(-0.008, 0.008), 7),
                "longitude": round(106.8595 + rng.uniform(-0.008, 0.008), 7),
                "date_reported": reported,
                "is_anonymous": anonymous,
                "is_confidential": confidential,
                "company_id": company.id,
                "stage_id": stages[state].id,
            }
            if with_account:
                vals["partner_id"] = resident.id
            elif not anonymous:
                vals["reporter_name"] = name
                vals["reporter_phone"] = (
                    f"08{rng.choice('1257')}{rng.randint(10000000, 99999999)}"
                )
            if state != "new":
                vals["user_id"] = rng.choice(officers).id
            # Dates: first follow-up after a few working hours, sometimes late.
            followup = None
            if state != "new":
                delay = timedelta(hours=rng.choice([2, 4, 6, 20, 26, 50, 75, 140]))
                followup = min(reported + delay, now - timedelta(minutes=1))
                vals["date_followup"] = followup
            if state == "done":
                done = followup + timedelta(
                    days=rng.choice([1, 2, 3, 5, 7, 10, 14, 21]),
                    hours=rng.randint(0, 6),
                )
                if done >= now:
                    state = "progress"
                    vals["stage_id"] = stages["progress"].id
                else:
                    vals["date_done"] = office_time(done)
                    if vals["date_done"] < followup:
                        vals["date_done"] = followup + timedelta(hours=1)
                    vals["date_done"] = min(vals["date_done"], now)
                    vals["followup_note"] = rng.choice(FOLLOWUP_NOTES)
                    if rng.random() < 0.45:
                        vals["rating"] = pick(
                            [("5", 40), ("4", 35), ("3", 15), ("2", 6), ("1", 4)]
                        )
                        if vals["rating"] in ("1", "2"):
                            vals["rating_comment"] = "Penanganannya terlalu lama."
                        elif rng.random() < 0.4:
                            vals["rating_comment"] = "Terima kasih, cepat ditangani."
            if state == "rejected":
                vals["reject_reason"] = rng.choice(REJECT_REASONS)
            # Dispositions to agencies for work the kelurahan cannot do alone.
            if state in ("dispatch", "progress", "done") and rng.random() < 0.6:
                agency = ref(f"kelurahan_crm.{rng.choice(agency_xmlids)}")
                sent = followup + timedelta(hours=rng.randint(1, 30))
                sent = min(sent, now - timedelta(minutes=1))
                due = sent + timedelta(days=rng.choice([3, 5, 7, 10]))
                dispo = {
                    "agency_id": agency.id,
                    "date_sent": sent,
                    "date_due": due,
                }
                if state == "done":
                    dispo["date_done"] = min(
                        max(sent + timedelta(hours=2), vals["date_done"]), now
                    )
                    dispo["response"] = rng.choice(DISPO_RESPONSES)
                elif rng.random() < 0.35 and sent + timedelta(days=2) < now:
                    dispo["response"] = DISPO_RESPONSES[0]
                vals["disposition_ids"] = [fields.Command.create(dispo)]
            vals_list.append(vals)
            plans.append((xmlid, rw.id, state, age))

        tickets = Ticket.create(vals_list)

        # Same problem reported again by other residents: link as support (dukungan)
        # or merge (closed as duplicate) into an earlier open complaint.
        masters = [
            (ticket, plan)
            for ticket, plan in zip(tickets, plans, strict=True)
            if plan[2] in ("verify", "dispatch", "progress") and plan[3] > 3
        ]
        rng.shuffle(masters)
        duplicate_vals = []
        for master, (xmlid, _rw_id, _state, _age) in masters[:18]:
            for _n in range(rng.choice([1, 1, 2, 3])):
                reported = master.date_reported + timedelta(
                    hours=rng.randint(3, 70)
                )
                reported = min(reported, now - timedelta(minutes=5))
                merge = rng.random() < 0.5
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                vals = {
                    "name": master.name,
                    "description": master.description,
                    "category_id": master.category_id.id,
                    "channel_id": pick(channels).id,
                    "rw_id": master.rw_id.id,
                    "rt_id": master.rt_id.id,
                    "location_address": master.location_address,
                    "latitude": master.latitude,
                    "longitude": master.longitude,
                    "date_reported": reported,
                    "reporter_name": name,
                    "reporter_phone": f"0813{rng.randint(10000000, 99999999)}",
                    "company_id": company.id,
                    "duplicate_id": master.id,
                    "user_id": master.user_id.id,
                    "stage_id": stages["rejected" if merge else "verify"].id,
                }
                if merge:
                    vals["date_followup"] = min(
                        reported + timedelta(hours=3), now - timedelta(minutes=1)
                    )
                    vals["reject_reason"] = f"Laporan sama dengan {master.number}."
                else:
                    vals["date_followup"] = min(
                        reported + timedelta(hours=5), now - timedelta(minutes=1)
                    )
                duplicate_vals.append(vals)
        duplicates = Ticket.create(duplicate_vals)

        # A few residents disputed the result: reopened and flagged.
        done = tickets.filtered(
            lambda t: t.kel_state == "done" and t.date_done > now - timedelta(days=10)
        )
        for ticket in done[:4]:
            ticket.write(
                {
                    "stage_id": stages["progress"].id,
                    "is_disputed": True,
                    "dispute_reason": "Masalahnya muncul lagi setelah dua hari.",
                    "dispute_date": min(ticket.date_done + timedelta(days=1), now),
                    "date_done": False,
                }
            )
        return len(tickets) + len(duplicates)
