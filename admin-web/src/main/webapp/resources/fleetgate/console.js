/*
 * Fleetgate console: keeps the polled overview honest (dev.fleetgate.admin R2).
 */
var fleetgate = window.fleetgate || {};

/*
 * Called after every poll. A poll whose session is gone is redirected to the login page and gets
 * HTML instead of a Faces partial response; one whose view is gone gets a ViewExpiredException.
 * Either way reload, so the operator sees the login page instead of a table that stopped moving.
 * A failed request (server down: status 0 or 5xx) is left alone; the next poll tries again.
 */
fleetgate.afterPoll = function (xhr) {
  if (!xhr || xhr.status < 200 || xhr.status >= 400) {
    return;
  }
  var root = xhr.responseXML && xhr.responseXML.documentElement;
  var partial = root && root.nodeName === 'partial-response';
  var expired = partial && /ViewExpiredException/.test(xhr.responseText || '');
  if (!partial || expired) {
    window.location.reload();
  }
};

/* No polling from a hidden tab: it would only load the server. */
document.addEventListener('visibilitychange', function () {
  var poll = window.PrimeFaces && PrimeFaces.widgets.fleetPoll;
  if (!poll) {
    return;
  }
  if (document.hidden) {
    poll.stop();
  } else {
    poll.start();
  }
});

/*
 * The worker page's output follows live (dev.fleetgate.admin R11.1): after each poll the box scrolls
 * to the newest line at the bottom, unless the operator scrolled up to read, as in a terminal.
 */
fleetgate.logWasAtBottom = true;

fleetgate.logBox = function () {
  return document.querySelector('.fg-log');
};

fleetgate.beforeLogUpdate = function () {
  var box = fleetgate.logBox();
  fleetgate.logWasAtBottom = !box || box.scrollHeight - box.scrollTop - box.clientHeight < 24;
};

fleetgate.followLog = function () {
  var box = fleetgate.logBox();
  if (box && fleetgate.logWasAtBottom) {
    box.scrollTop = box.scrollHeight;
  }
};

document.addEventListener('DOMContentLoaded', fleetgate.followLog);
