/*
 * Fleetgate console: keeps the polled overview honest (dev.fleetgate.admin R2).
 */
var fleetgate = window.fleetgate || {};

/*
 * Called after every poll with PrimeFaces' oncomplete arguments and the client id of the part the
 * poll renders. A poll whose session is gone is redirected to the login page, and the browser
 * repeats the poll's Faces-Request header there: the answer is the login page as a partial
 * response, which changes none of this page's parts. One whose view is gone gets a
 * ViewExpiredException, and a server behind a sign-in proxy may answer HTML. In each case reload:
 * the operator sees the login page instead of a table that stopped moving, and sign-in returns to
 * this page rather than to the poll. Any other failure (server down or 5xx, a timeout, or the
 * abort PrimeFaces sends every open poll when the operator leaves the page) is left alone: the next
 * poll tries again.
 *
 * After a failure PrimeFaces passes jQuery's error text where the request would be, so only a
 * 'success' status has a response to look into.
 */
fleetgate.afterPoll = function (xhr, status, updated) {
  if (status === 'parsererror') {
    window.location.reload();
    return;
  }
  if (status !== 'success' || !xhr) {
    return;
  }
  var root = xhr.responseXML && xhr.responseXML.documentElement;
  var ours =
    root &&
    root.nodeName === 'partial-response' &&
    root.querySelector('update[id="' + updated + '"]') !== null;
  if (!ours) {
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
