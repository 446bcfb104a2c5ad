/** @odoo-module **/
import {registry} from "@web/core/registry";

const PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

function attachPdfToEveryFileInput() {
    for (const input of document.querySelectorAll("input[type=file]")) {
        const transfer = new DataTransfer();
        transfer.items.add(new File([PDF], "dokumen.pdf", {type: "application/pdf"}));
        input.files = transfer.files;
        input.dispatchEvent(new Event("change", {bubbles: true}));
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
