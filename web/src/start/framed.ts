/** Whether the page may be inside Teams (an iframe or a pop-up); a top-level page never is. */
export const framed = () => window.parent !== window || !!window.opener;
