# Copyright 2026 Kelurahan CRM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

INTERNAL_RULE = "helpdesk_mgmt.helpdesk_ticket_rule_internal_user"
# helpdesk_mgmt's own domain of that rule (security/helpdesk_security.xml).
HELPDESK_INTERNAL_DOMAIN = (
    "['|', ('partner_id', '=', user.partner_id.id), "
    "('message_partner_ids', '=', user.partner_id.id)]"
)


def uninstall_hook(env):
    """Give helpdesk_mgmt its "Internal Tickets" rule back: this addon rewrote it
    (security/helpdesk_ticket_security.xml) with a field helpdesk_mgmt alone also
    has, but the rewrite is ours to undo."""
    rule = env.ref(INTERNAL_RULE, raise_if_not_found=False)
    if rule:
        rule.domain_force = HELPDESK_INTERNAL_DOMAIN
