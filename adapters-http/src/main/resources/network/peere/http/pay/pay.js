// The hosted pay page (docs/payment-links.md): find the customer's banks, pay at one, follow the payment until the
// bank answers. No framework and no build step; every value from the server reaches the page as text, never HTML.
(function () {
  "use strict";

  // Errors are kept on <html data-js-errors> as well as in the console, so a headless test can read them.
  var errorCount = 0;
  function recordError(message) {
    errorCount += 1;
    document.documentElement.setAttribute("data-js-errors", String(errorCount));
    document.documentElement.setAttribute("data-js-error", String(message).slice(0, 500));
  }
  window.addEventListener("error", function (event) { recordError(event.message); });
  window.addEventListener("unhandledrejection", function (event) { recordError(event.reason); });

  var POLL_MS = 1500;
  var POLL_FOR_MS = 10 * 60 * 1000;
  var FINAL = { paid: true, active: true, declined: true, failed: true, cancelled: true };

  var MESSAGES = {
    customer_not_found: "No bank on the network knows this e-mail or phone number. Check it and try again.",
    invalid_identity: "Enter a valid e-mail address or a phone number in international form (+234…)."
      + " A link made for one customer takes only that customer's e-mail.",
    invalid_request: "Enter your e-mail address or phone number.",
    payment_link_inactive: "The merchant has switched this payment link off.",
    payment_link_already_paid: "This link has already been paid.",
    payment_link_busy: "Someone else is paying this link right now. Try again in a few minutes.",
    bank_unavailable: "Your bank cannot take requests right now. Try again in a few minutes.",
    merchant_blocked: "You have blocked this merchant at your bank.",
    rate_limited: "Too many attempts from this device. Wait a minute, then try again."
  };

  function ready(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  ready(function () {
    var main = document.getElementById("pay");
    if (!main || !main.getAttribute("data-link-id")) {
      return;
    }
    var base = "/pay/" + encodeURIComponent(main.getAttribute("data-link-id"));
    var el = function (id) { return document.getElementById(id); };
    var errorBox = el("error");
    var steps = { identify: el("step-identify"), bank: el("step-bank"), status: el("step-status") };
    var identity = null;

    function show(step, focusId) {
      Object.keys(steps).forEach(function (name) { steps[name].hidden = name !== step; });
      main.setAttribute("data-step", step);
      el(focusId).focus();
    }

    function showError(message) {
      errorBox.textContent = message;
    }

    function clearError() {
      errorBox.textContent = "";
    }

    function busy(button, on) {
      button.disabled = on;
      button.setAttribute("aria-busy", on ? "true" : "false");
    }

    function ApiError(status, code, message) {
      this.status = status;
      this.code = code;
      this.message = message;
    }

    function call(method, path, body) {
      var init = { method: method, headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" };
      if (body) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      return fetch(base + path, init).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (json) {
          if (!response.ok) {
            throw new ApiError(response.status, json && json.code, json && json.message);
          }
          return json.data;
        });
      });
    }

    function explain(error) {
      if (error instanceof ApiError) {
        return MESSAGES[error.code] || error.message || "Something went wrong. Try again.";
      }
      return "Could not reach the server. Check your connection and try again.";
    }

    function identityOf(value) {
      var text = value.trim();
      if (text.indexOf("@") >= 0) {
        return { email: text };
      }
      return { phone: text.replace(/[\s().-]/g, "") };
    }

    // Step 1: who pays.
    el("identify-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var input = el("identity");
      var button = event.target.querySelector("button[type=submit]");
      clearError();
      if (!input.value.trim()) {
        input.setAttribute("aria-invalid", "true");
        showError(MESSAGES.invalid_request);
        input.focus();
        return;
      }
      input.removeAttribute("aria-invalid");
      identity = identityOf(input.value);
      busy(button, true);
      call("POST", "/banks", identity).then(function (data) {
        if (!data.banks.length) {
          throw new ApiError(404, "customer_not_found", null);
        }
        listBanks(data.banks);
        show("bank", "bank-heading");
      }).catch(function (error) {
        input.setAttribute("aria-invalid", "true");
        showError(explain(error));
        input.focus();
      }).then(function () { busy(button, false); });
    });

    // Step 2: at which bank.
    function listBanks(banks) {
      var list = el("bank-list");
      list.textContent = "";
      banks.forEach(function (bank, index) {
        var row = document.createElement("div");
        row.className = "bank";
        var radio = document.createElement("input");
        radio.type = "radio";
        radio.name = "bankId";
        radio.id = "bank-" + index;
        radio.value = bank.bankId;
        radio.checked = index === 0;
        var label = document.createElement("label");
        label.htmlFor = radio.id;
        var name = document.createElement("span");
        name.className = "bank-name";
        name.textContent = bank.bankName;
        var account = document.createElement("span");
        account.className = "account";
        account.textContent = bank.accountName;
        label.appendChild(name);
        label.appendChild(account);
        row.appendChild(radio);
        row.appendChild(label);
        list.appendChild(row);
      });
    }

    el("change-identity").addEventListener("click", function () {
      clearError();
      show("identify", "identity");
    });

    el("bank-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = event.target.querySelector("input[name=bankId]:checked");
      var button = el("pay-button");
      clearError();
      if (!chosen) {
        showError("Choose the bank to pay from.");
        return;
      }
      var body = { bankId: chosen.value };
      Object.keys(identity).forEach(function (key) { body[key] = identity[key]; });
      busy(button, true);
      call("POST", "/payments", body).then(function (payment) {
        render(payment);
        show("status", "status-heading");
        follow(payment.paymentId, Date.now());
      }).catch(function (error) {
        showError(explain(error));
        el("bank-heading").focus();
      }).then(function () { busy(button, false); });
    });

    // Step 3: until the bank answers.
    function formatDate(iso) {
      var date = new Date(iso);
      return isNaN(date.getTime())
        ? iso
        : date.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
    }

    var TEXTS = {
      awaiting_approval: ["Waiting for your bank…", "Approve the request in your bank's app or online banking."
        + " This page updates by itself."],
      processing: ["Waiting for your bank…", "Your bank approved. Taking the payment now…"],
      paid: ["Paid", "Thank you: your payment went through. You can close this page."],
      active: ["Subscribed", "Thank you: the first payment went through."],
      declined: ["Declined", "Your bank declined the request. Nothing was charged."],
      failed: ["Payment failed", "The payment did not go through."],
      cancelled: ["Cancelled", "This payment was cancelled."]
    };

    // A plain denial needs no reason; these say more than "declined".
    var DECLINE_REASONS = {
      suspended: "Your bank put the request on hold.",
      paused: "Your bank put the request on hold.",
      expired: "Your bank did not answer in time."
    };

    function render(payment) {
      var region = steps.status;
      var previous = region.getAttribute("data-status");
      var text = TEXTS[payment.status] || ["Waiting for your bank…", ""];
      var detail = text[1];
      if (payment.status === "active" && payment.nextDueAt) {
        detail += " Next payment on " + formatDate(payment.nextDueAt) + ".";
      }
      if (payment.status === "declined" && DECLINE_REASONS[payment.failureReason]) {
        detail = DECLINE_REASONS[payment.failureReason] + " Nothing was charged.";
      }
      if (payment.status === "failed" && payment.failureReason) {
        detail += " Reason: " + payment.failureReason.replace(/_/g, " ") + ".";
      }
      region.setAttribute("data-status", payment.status);
      el("status-heading").textContent = text[0];
      el("status-text").textContent = detail;
      if (previous && previous !== payment.status && FINAL[payment.status]) {
        el("status-heading").focus();
      }
    }

    function follow(paymentId, since) {
      var path = "/payments/" + encodeURIComponent(paymentId);
      function poll(delay) {
        window.setTimeout(function () {
          call("GET", path).then(function (payment) {
            render(payment);
            if (!FINAL[payment.status]) {
              next(POLL_MS);
            }
          }).catch(function (error) {
            // A lost connection or a busy server is not the bank's answer: keep following, a little slower.
            if (error instanceof ApiError && error.status === 404) {
              showError("This payment can no longer be found. Ask the merchant.");
              return;
            }
            next(POLL_MS * 2);
          });
        }, delay);
      }
      function next(delay) {
        if (Date.now() - since > POLL_FOR_MS) {
          el("status-text").textContent = "Your bank has not answered yet. You can close this page:"
            + " the merchant hears the answer when it comes.";
          return;
        }
        poll(delay);
      }
      poll(POLL_MS);
    }

    main.setAttribute("data-step", "identify");
    main.setAttribute("data-ready", "true");
  });
})();
