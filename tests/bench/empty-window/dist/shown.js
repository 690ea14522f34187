// The same signal the app gives once its library is painted: a performance mark set in the
// second animation frame after the content is in the page, that is once it has been drawn.
requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('debrief:library-shown')));
