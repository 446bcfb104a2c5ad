/** @odoo-module **/
// Counter tablet (kiosk) for kelurahan surveys: go back to a fresh response after
// submit, or when a respondent walks away mid-way, so nobody sees or continues the
// previous person's answers. The kiosk URL always starts a new anonymous response.

const IDLE_MS = 120000;
const DONE_MS = 8000;

function setupKiosk() {
    const form = document.querySelector("form[data-kel-kiosk-url]");
    if (!form) {
        return;
    }
    const url = form.dataset.kelKioskUrl;
    let timer = null;
    const arm = () => {
        clearTimeout(timer);
        const done = document.querySelector(".o_kel_kiosk_next");
        timer = setTimeout(() => window.location.assign(url), done ? DONE_MS : IDLE_MS);
    };
    for (const type of ["click", "keydown", "touchstart", "input"]) {
        document.addEventListener(type, arm, true);
    }
    new MutationObserver(() => {
        if (document.querySelector(".o_kel_kiosk_next")) {
            arm();
        }
    }).observe(form, {childList: true, subtree: true});
    arm();
}

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupKiosk);
} else {
    setupKiosk();
}
