/** @odoo-module **/
// UU PDP: the public complaint form on a 360 px phone shows the privacy notice, its
// link to the privacy page and the consent box; a report sent with consent is taken.
import {registry} from "@web/core/registry";

function fitsScreen(element) {
    const box = element.getBoundingClientRect();
    if (window.innerWidth !== 360 || box.left < 0 || box.right > window.innerWidth) {
        throw new Error(`Not within a 360 px screen: ${box.left}-${box.right}`);
    }
}

registry.category("web_tour.tours").add("kelurahan_privacy_notice_phone", {
    url: "/pengaduan/lapor",
    steps: () => [
        {
            content: "The notice is shown in Indonesian, within the phone's width",
            trigger: ".o_kel_consent_notice:contains('Pemberitahuan privasi')",
            run() {
                fitsScreen(this.anchor);
            },
        },
        {
            content: "It links to the privacy page",
            trigger: ".o_kel_consent_notice a.o_kel_privacy_link[href='/privasi']",
        },
        {
            content: "It says what happens without consent",
            trigger: ".o_kel_consent_refusal:contains('laporan anonim')",
        },
        {
            content: "Category",
            trigger: "select[name='category_id']",
            run: "selectByIndex 1",
        },
        {
            content: "What happened",
            trigger: "textarea[name='description']",
            run: "edit Sampah menumpuk di pinggir kali sejak tiga hari.",
        },
        {
            content: "RW",
            trigger: "select[name='rw_id']",
            run: "selectByIndex 1",
        },
        {
            content: "Name",
            trigger: "input[name='reporter_name']",
            run: "edit Sari Privasi",
        },
        {
            content: "Phone",
            trigger: "input[name='reporter_phone']",
            run: "edit 0812 1357 2468",
        },
        {
            content: "Agree to the notice",
            trigger: "input[name='kel_consent']",
            run: "check",
        },
        {
            content: "Send",
            trigger: "button.o_kel_submit",
            run: "click",
        },
        {
            content: "The report is taken",
            trigger: ".o_kel_created .o_kel_big_number:contains('ADU/')",
        },
    ],
});
