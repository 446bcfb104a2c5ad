/* Copyright 2026 Kelurahan CRM contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
 *
 * The waiting-room TV (/antrian/layar) and the follow page of a number
 * (/antrian/ikuti/<token>): poll a small JSON route and update the page in place
 * (no reload, no flicker). The TV announces each new call with a chime and speech
 * (Web Speech API, an Indonesian voice where the browser has one). Plain script,
 * no Odoo bundle: it must run on a TV browser in kiosk mode. For sound without a
 * click, start the kiosk browser with --autoplay-policy=no-user-gesture-required.
 */
(function () {
    "use strict";

    function poll(url, seconds, apply, onError) {
        const delay = Math.max(Number(seconds) || 5, 2) * 1000;
        function tick() {
            fetch(url, {cache: "no-store", credentials: "same-origin"})
                .then((response) =>
                    response.json().then((data) => ({ok: response.ok, data}))
                )
                .then(({ok, data}) => (ok ? apply(data) : onError(data)))
                .catch(() => onError(null))
                .finally(() => window.setTimeout(tick, delay));
        }
        window.setTimeout(tick, delay);
    }

    function setText(node, value) {
        const text = value === null || value === undefined ? "-" : String(value);
        if (node && node.textContent !== text) {
            node.textContent = text;
        }
    }

    // ------------------------------------------------------------------ TV
    function chime(audio) {
        if (!audio) {
            return Promise.resolve();
        }
        const start = audio.currentTime + 0.05;
        [659.25, 523.25].forEach((frequency, index) => {
            const oscillator = audio.createOscillator();
            const gain = audio.createGain();
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(0.0001, start + index * 0.45);
            gain.gain.exponentialRampToValueAtTime(0.4, start + index * 0.45 + 0.03);
            gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.45 + 0.4);
            oscillator.connect(gain).connect(audio.destination);
            oscillator.start(start + index * 0.45);
            oscillator.stop(start + index * 0.45 + 0.42);
        });
        return new Promise((resolve) => window.setTimeout(resolve, 1000));
    }

    function indonesianVoice() {
        const voices = window.speechSynthesis ? window.speechSynthesis.getVoices() : [];
        return (
            voices.find((v) => v.lang === "id-ID") ||
            voices.find((v) => v.lang && v.lang.toLowerCase().startsWith("id")) ||
            null
        );
    }

    function speak(text) {
        if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) {
            return Promise.resolve();
        }
        return new Promise((resolve) => {
            const utterance = new window.SpeechSynthesisUtterance(text);
            utterance.lang = "id-ID";
            utterance.rate = 0.9;
            const voice = indonesianVoice();
            if (voice) {
                utterance.voice = voice;
            }
            utterance.onend = resolve;
            utterance.onerror = resolve;
            window.speechSynthesis.speak(utterance);
            // Some TV browsers never fire onend: do not block the next call.
            window.setTimeout(resolve, 8000);
        });
    }

    function startDisplay(body) {
        const AudioContext = window.AudioContext || window.webkitAudioContext;
        let audio = null;
        try {
            audio = AudioContext ? new AudioContext() : null;
        } catch (error) {
            audio = null;
        }
        const soundButton = body.querySelector(".o_kel_sound_on");
        function refreshSoundButton() {
            if (soundButton) {
                soundButton.hidden = Boolean(audio && audio.state === "running");
            }
        }
        if (soundButton) {
            soundButton.addEventListener("click", () => {
                if (audio) {
                    audio.resume().then(refreshSoundButton);
                }
                if (window.speechSynthesis) {
                    window.speechSynthesis.getVoices();
                }
            });
        }
        refreshSoundButton();

        const seen = new Set();
        let first = true;
        let announcing = Promise.resolve();
        const callBanner = body.querySelector(".o_kel_display_call");

        function announce(call) {
            announcing = announcing.then(() => {
                setText(callBanner, call.speech);
                body.dataset.lastAnnounced = call.speech;
                const counter = body.querySelector(
                    `.o_kel_display_counters .o_kel_display_counter[data-number="${CSS.escape(call.number)}"]`
                );
                if (counter) {
                    counter.classList.add("kel-flash");
                    window.setTimeout(() => counter.classList.remove("kel-flash"), 4000);
                }
                return chime(audio).then(() => speak(call.speech));
            });
        }

        function renderCounters(rows) {
            const grid = body.querySelector(".o_kel_display_counters");
            const template = body.querySelector(".o_kel_counter_template > div");
            const existing = Array.from(grid.querySelectorAll(".o_kel_display_counter"));
            const sameLayout =
                existing.length === rows.length &&
                existing.every((node, index) => node.dataset.code === rows[index].code);
            if (!sameLayout) {
                const nodes = rows.map((row) => {
                    const node = template.cloneNode(true);
                    node.classList.add("o_kel_display_counter");
                    node.dataset.code = row.code;
                    return node;
                });
                grid.replaceChildren(...nodes);
            }
            const nodes = grid.querySelectorAll(".o_kel_display_counter");
            rows.forEach((row, index) => {
                const node = nodes[index];
                node.dataset.number = row.number;
                setText(node.querySelector(".o_kel_display_counter_name"), row.name);
                setText(node.querySelector(".o_kel_display_number"), row.number);
                setText(node.querySelector(".o_kel_display_waiting"), row.waiting);
            });
        }

        function renderNext(numbers) {
            const holder = body.querySelector(".o_kel_display_next");
            const current = Array.from(holder.children).map((chip) => chip.textContent);
            if (current.join(" ") === numbers.join(" ")) {
                return;
            }
            holder.replaceChildren(
                ...numbers.map((number) => {
                    const chip = document.createElement("span");
                    chip.className = "kel-chip";
                    chip.textContent = number;
                    return chip;
                })
            );
        }

        function apply(data) {
            body.classList.remove("kel-stale");
            renderCounters(data.counters || []);
            renderNext(data.next || []);
            setText(body.querySelector(".o_kel_display_avg"), data.average_wait);
            // Oldest first, so that calls are announced in the order they came.
            (data.calls || [])
                .slice()
                .reverse()
                .forEach((call) => {
                    if (!seen.has(call.key)) {
                        seen.add(call.key);
                        if (!first) {
                            announce(call);
                        }
                    }
                });
            first = false;
            body.dataset.polled = String(Number(body.dataset.polled || 0) + 1);
        }

        const url = body.dataset.url;
        fetch(url, {cache: "no-store"})
            .then((response) => response.json())
            .then(apply)
            .catch(() => body.classList.add("kel-stale"));
        poll(url, body.dataset.poll, apply, () => body.classList.add("kel-stale"));
    }

    // ------------------------------------------------------------------ follow
    function startFollow(root) {
        function apply(data) {
            setText(root.querySelector(".o_kel_follow_number"), data.number);
            setText(root.querySelector(".o_kel_follow_state"), data.state_label);
            setText(root.querySelector(".o_kel_follow_ahead"), data.people_ahead);
            setText(root.querySelector(".o_kel_follow_counter"), data.counter);
            root.querySelector(".o_kel_follow_ahead_row").classList.toggle(
                "d-none",
                data.state !== "waiting"
            );
            root.querySelector(".o_kel_follow_called_row").classList.toggle(
                "d-none",
                data.state !== "called"
            );
            const list = root.querySelector(".o_kel_follow_serving");
            const items = list.querySelectorAll("li");
            (data.serving || []).forEach((row, index) => {
                const item = items[index];
                if (item) {
                    setText(item.querySelector("span"), row.counter);
                    setText(item.querySelector("strong"), row.number);
                }
            });
            root.dataset.polled = String(Number(root.dataset.polled || 0) + 1);
        }
        poll(root.dataset.url, root.dataset.poll, apply, () => undefined);
    }

    function start() {
        const display = document.querySelector("body.o_kel_display");
        if (display) {
            startDisplay(display);
        }
        const follow = document.querySelector(".o_kel_follow_live");
        if (follow) {
            startFollow(follow);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
