/** @odoo-module **/
import {registry} from "@web/core/registry";

const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

function attachPdf(inputs, name = "dokumen.pdf") {
    for (const input of inputs) {
        const transfer = new DataTransfer();
        transfer.items.add(new File([PDF], name, {type: "application/pdf"}));
        input.files = transfer.files;
        input.dispatchEvent(new Event("change", {bubbles: true}));
    }
}

function attachPdfToEveryFileInput() {
    attachPdf(document.querySelectorAll("input[type=file]"));
}

function assertPhoneWidth() {
    if (window.innerWidth > 400) {
        throw new Error(`Expected a phone viewport, got ${window.innerWidth}px`);
    }
}

// A resident registers a service online, with the documents uploaded.
registry.category("web_tour.tours").add("kelurahan_service_request_portal", {
    url: "/my/permohonan",
    steps: () => [
        {trigger: "a.o_kel_new_request", run: "click"},
        {trigger: "select[name=service_id]", run: "selectByLabel Tour Domisili"},
        {trigger: "button.o_kel_choose_service", run: "click"},
        {trigger: "input[name=applicant_nik]", run: "edit 3175024508900003"},
        {trigger: "textarea[name=purpose]", run: "edit Melamar pekerjaan"},
        {trigger: "input[type=file]", run: attachPdfToEveryFileInput},
        {trigger: "button.o_kel_submit", run: "click"},
        {trigger: ".o_kel_submitted"},
        {trigger: ".o_kel_state"},
        // Wait for the (lazy-loaded) portal chatter before the tour ends.
        {trigger: "#chatterRoot:shadow .o-mail-Chatter"},
    ],
});

// Staff take the request from "Submitted" to "Ready for Pickup" (letter issued).
registry.category("web_tour.tours").add("kelurahan_service_request_backend", {
    steps: () => [
        {trigger: ".o_form_view button[name=action_verify]", run: "click"},
        {trigger: ".o_form_view button[name=action_process]", run: "click"},
        {trigger: ".o_form_view button[name=action_ready]", run: "click"},
        {
            trigger:
                ".o_statusbar_status button.o_arrow_button_current[data-value=ready]",
        },
        {trigger: ".o_form_view .o_field_widget[name=letter_id] a, .o_form_view .o_field_widget[name=letter_id] span"},
    ],
});

// Anyone scanning the QR code sees the letter confirmed; a forged number is not found.
registry.category("web_tour.tours").add("kelurahan_letter_verification", {
    steps: () => [
        {trigger: ".o_kel_verify_valid"},
        {trigger: ".o_kel_verify_number:not(:empty)"},
        {trigger: "input[name=nomor]", run: "edit 470/999/KLS/I/2001"},
        {trigger: ".o_kel_verify form button[type=submit]", run: "click"},
        {trigger: ".o_kel_verify_not_found"},
    ],
});

// On a phone: the form shows which fields are required and pre-fills the NIK
// (masked) and the RW of the last request; a file uploaded before an error is kept;
// the resident then cancels the request, after confirming.
registry.category("web_tour.tours").add("kelurahan_service_request_mobile", {
    steps: () => [
        {trigger: ".o_kel_request_new .o_kel_required_legend", run: assertPhoneWidth},
        {trigger: "label[for=applicant_nik] .o_kel_required:visible"},
        {trigger: "input[name=applicant_nik][value='3175********0003']"},
        {trigger: "select[name=rw_id]:has(option:selected:contains(RW 91))"},
        {
            trigger: "input[type=file]:first",
            run() {
                attachPdf([document.querySelector("input[type=file]")], "ktp.pdf");
            },
        },
        {trigger: "button.o_kel_submit", run: "click"},
        {trigger: ".o_kel_error:contains(KK scan)"},
        {trigger: ".o_kel_pending_upload:contains(ktp.pdf)"},
        {
            trigger: ".o_kel_request_new input[type=file]",
            run() {
                const inputs = [...document.querySelectorAll("input[type=file]")];
                attachPdf(inputs.slice(1), "kk.pdf");
            },
        },
        {trigger: "button.o_kel_submit", run: "click"},
        {trigger: ".o_kel_submitted"},
        {trigger: "button.o_kel_cancel_request", run: "click"},
        {trigger: ".modal.show button.o_kel_cancel_confirm", run: "click"},
        {trigger: ".o_kel_cancelled"},
        {trigger: ".o_kel_state:contains(Dibatalkan)"},
        {trigger: "#chatterRoot:shadow .o-mail-Chatter"},
    ],
});

// On a phone: choose the service, then a day, then a time of that day; "Pesan"
// without a time keeps the day and says so; the ticket has a QR code and a way back.
registry.category("web_tour.tours").add("kelurahan_service_queue_mobile", {
    steps: () => [
        {trigger: "select[name=service_id]", run: "selectByLabel Tour Domisili"},
        {trigger: "button.o_kel_show_days", run: assertPhoneWidth},
        {trigger: "button.o_kel_show_days", run: "click"},
        {trigger: ".o_kel_queue_days a.o_kel_day:first", run: "click"},
        {trigger: ".o_kel_day.active"},
        {trigger: "button.o_kel_book", run: "click"},
        {trigger: ".o_kel_error:contains(Pilih jam)"},
        {trigger: ".o_kel_day.active"},
        {trigger: "label.o_kel_slot:first", run: "click"},
        {trigger: "button.o_kel_book", run: "click"},
        {trigger: ".o_kel_queue_ticket img.o_kel_ticket_qr"},
        {trigger: "a.o_kel_ticket_back", run: "click"},
        {trigger: "h3:contains(Pemesanan antrian)"},
    ],
});
