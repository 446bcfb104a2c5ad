# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Words of the demo complaints of Kelurahan Kalisari: streets, landmarks, names,
texts per category, channels with their weights, closing notes."""

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
                "pengendara motor yang jatuh, apalagi kalau hujan lubangnya "
                "tertutup air.",
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
                "Lampu penerangan jalan {landmark} di {street} mati {since}. "
                "Jalan jadi gelap dan warga khawatir rawan kejahatan.",
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
