/** @odoo-module **/
// A visitor without an account opens the home page on a phone (from a QR poster or a
// WhatsApp link), opens every entry and comes back; no page scrolls sideways. The
// entries of kelurahan_service and kelurahan_survey are in it: the tour runs where
// every addon is installed (kelurahan_survey_service's tests).
import {registry} from "@web/core/registry";

function checkNoSideScroll(page) {
    return {
        content: `${page}: no horizontal scroll`,
        trigger: "body",
        run() {
            if (window.innerWidth > 400) {
                throw new Error(`Expected a phone viewport, got ${window.innerWidth}px`);
            }
            const width = document.documentElement.scrollWidth;
            if (width > window.innerWidth) {
                throw new Error(
                    `${page} is ${width}px wide in a ${window.innerWidth}px window`
                );
            }
        },
    };
}

function visit(key, pageTrigger, back = "a.o_kel_nav_home") {
    return [
        {
            content: `Open the entry ${key}`,
            trigger: `#kel_home_entries a.o_kel_home_entry_${key}`,
            run: "click",
        },
        {content: `The page of ${key} is shown`, trigger: pageTrigger},
        checkNoSideScroll(key),
        {content: "Back to the home page", trigger: back, run: "click"},
        {content: "The home page is shown", trigger: ".o_kel_home .o_kel_home_name"},
    ];
}

registry.category("web_tour.tours").add("kelurahan_home", {
    url: "/",
    steps: () => [
        {content: "The home page is shown", trigger: ".o_kel_home .o_kel_home_name"},
        checkNoSideScroll("home"),
        ...visit("lapor", "select[name='category_id']"),
        ...visit("lacak", ".o_kel_track_form"),
        ...visit("transparansi", ".o_kel_board"),
        ...visit("layanan", ".o_kel_catalogue .o_kel_catalogue_service"),
        ...visit("antrian", "a.o_kel_login_home", "a.o_kel_login_home"),
        ...visit("verifikasi", ".o_kel_verify form"),
        ...visit("survei", ".o_kel_survey_list .o_kel_survey_start"),
    ],
});
