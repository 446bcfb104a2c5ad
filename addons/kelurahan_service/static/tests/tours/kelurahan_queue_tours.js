/** @odoo-module **/
import {registry} from "@web/core/registry";

const MM = 96 / 25.4; // CSS pixels per millimetre

// Opens a page in a frame of the given width, so that its
// rendering can be checked by the next steps (":iframe" selectors).
function openInFrame(name, url, width = 1000) {
    document.querySelector(`iframe.${name}`)?.remove();
    const frame = document.createElement("iframe");
    frame.className = name;
    frame.style.width = `${width}px`;
    frame.style.height = "800px";
    frame.src = url;
    // Inside the open dialog, if any: the tour acts on nothing below a dialog.
    (document.querySelector(".modal .modal-body") || document.body).appendChild(frame);
}

function assertTicketWidth(widthMm) {
    const ticket = document
        .querySelector(`iframe.o_kel_probe_${widthMm}`)
        .contentDocument.querySelector(".o_kel_ticket_print");
    const width = ticket.getBoundingClientRect().width;
    if (Math.abs(width - widthMm * MM) > 2) {
        throw new Error(`Ticket is ${width}px wide, expected ${widthMm} mm`);
    }
    const number = ticket.querySelector(".o_kel_ticket_number");
    if (number.scrollWidth > number.clientWidth) {
        throw new Error(`The number does not fit on a ${widthMm} mm ticket`);
    }
}

function printSteps(widthMm, number) {
    return [
        {
            trigger: `.o_kel_print_${widthMm} a[href*="lebar=${widthMm}"]`,
            run() {
                openInFrame(`o_kel_probe_${widthMm}`, this.anchor.getAttribute("href"));
            },
        },
        {
            trigger: `iframe.o_kel_probe_${widthMm}:iframe .o_kel_ticket_print[data-width="${widthMm}"] .o_kel_ticket_number:contains(${number})`,
        },
        {
            trigger: `iframe.o_kel_probe_${widthMm}:iframe .o_kel_ticket_qr`,
            run: () => assertTicketWidth(widthMm),
        },
    ];
}

// The officer at the counter: an empty queue answers calmly; a walk-in number is
// issued, shown large and printed (58 and 80 mm); a priority number issued later
// is called first; then the walk-in number, which the waiting-room TV shows.
registry.category("web_tour.tours").add("kelurahan_queue_counter", {
    steps: () => [
        {trigger: ".o_form_view button[name=action_call_next]", run: "click"},
        {trigger: ".o_notification:contains(Nobody is waiting for this counter)"},
        {trigger: ".o_form_view button[name=action_issue_walkin]", run: "click"},
        {trigger: ".modal .o_kel_walkin_issue", run: "click"},
        {trigger: ".modal .o_kel_walkin_number:contains(T001)"},
        ...printSteps(58, "T001"),
        ...printSteps(80, "T001"),
        {trigger: ".modal .o_kel_walkin_close", run: "click"},
        {trigger: "body:not(:has(.modal))"},
        {trigger: ".o_form_view button[name=action_issue_walkin]", run: "click"},
        {
            trigger: ".modal .o_field_widget[name=priority_reason] select",
            run: 'select "elderly"',
        },
        {trigger: ".modal .o_kel_walkin_issue", run: "click"},
        {trigger: ".modal .o_kel_walkin_number:contains(PT001)"},
        {trigger: ".modal .o_kel_walkin_close", run: "click"},
        {trigger: "body:not(:has(.modal))"},
        {trigger: ".o_form_view button[name=action_call_next]", run: "click"},
        {trigger: ".o_kel_now_serving:contains(PT001)"},
        {trigger: ".o_form_view button[name=action_serve]", run: "click"},
        {trigger: ".o_form_view button[name=action_call_next]:visible", run: "click"},
        {
            trigger: ".o_kel_now_serving:contains(T001)",
            run: () => openInFrame("o_kel_probe_tv", "/antrian/layar", 1280),
        },
        {
            trigger:
                "iframe.o_kel_probe_tv:iframe .o_kel_display_counter[data-code=U1] .o_kel_display_number:contains(T001)",
        },
        {trigger: "iframe.o_kel_probe_tv:iframe .o_kel_display_avg"},
    ],
});

function assertPhoneWidth() {
    if (window.innerWidth > 400) {
        throw new Error(`Expected a phone viewport, got ${window.innerWidth}px`);
    }
}

async function callNextAtCounter(counterId) {
    const response = await fetch("/web/dataset/call_kw", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({
            jsonrpc: "2.0",
            method: "call",
            id: 1,
            params: {
                model: "kelurahan.counter",
                method: "action_call_next",
                args: [[counterId]],
                kwargs: {},
            },
        }),
    });
    const answer = await response.json();
    if (answer.error) {
        throw new Error(answer.error.data.message);
    }
}

// On the resident's phone (360 px): the followed number, its position and the
// number being served; when the counter calls the number ahead (here from the same
// browser, as the officer), the page updates by itself, without a reload.
registry.category("web_tour.tours").add("kelurahan_queue_follow_mobile", {
    steps: () => [
        {trigger: ".o_kel_follow_number:contains(T002)", run: assertPhoneWidth},
        {trigger: ".o_kel_follow_ahead:contains(1)"},
        {
            trigger: ".o_kel_follow_serving:not(:contains(T001))",
            run() {
                window.kelNotReloaded = true;
                const counterId = Number(
                    new URLSearchParams(window.location.search).get("loket")
                );
                return callNextAtCounter(counterId);
            },
        },
        {trigger: ".o_kel_follow_serving:contains(T001)"},
        {
            trigger: ".o_kel_follow_ahead:contains(0)",
            run() {
                if (!window.kelNotReloaded) {
                    throw new Error("The page was reloaded");
                }
            },
        },
    ],
});
