/** @odoo-module **/
import {registry} from "@web/core/registry";

// [words of the question, position of the choice (0 = score 1 … 3 = score 4)]
const answers = [
    ["kesesuaian persyaratan", 3],
    ["kemudahan prosedur", 3],
    ["kecepatan waktu", 3],
    ["kewajaran biaya", 3],
    ["kesesuaian produk", 1],
    ["kompetensi/kemampuan", 2],
    ["kesopanan dan keramahan", 2],
    ["penanganan pengaduan", 3],
    ["sarana dan prasarana", 2],
];

registry.category("web_tour.tours").add("kelurahan_survey_kiosk", {
    steps: () => [
        {
            content: "Start the survey",
            trigger: 'button[value="start"]:not(.disabled)',
            run: "click",
        },
        {
            content: "Service received",
            trigger:
                'div.js_question-wrapper:contains("Jenis layanan") label:contains("Surat keterangan domisili")',
            run: "click",
        },
        ...answers.map(([question, index]) => ({
            content: `Answer ${question}`,
            trigger: `div.js_question-wrapper:contains("${question}") label.o_survey_choice_btn:eq(${index})`,
            run: "click",
        })),
        {
            content: "Submit",
            trigger: 'button[value="finish"]:not(.disabled)',
            run: "click",
        },
        {
            content: "Next respondent",
            trigger: "a.o_kel_kiosk_next",
            run: "click",
        },
        {
            content: "A fresh response starts",
            trigger: 'button[value="start"]:not(.disabled)',
            run: "click",
        },
        {
            content: "The next respondent gets a clean form",
            trigger: "div.js_question-wrapper:contains('kesesuaian persyaratan')",
            run() {
                const checked = document.querySelectorAll(
                    "form input:checked, .o_survey_selected"
                );
                if (checked.length) {
                    throw new Error(
                        `The next respondent sees ${checked.length} previous answers`
                    );
                }
            },
        },
    ],
});
