/** The SSBTEK v10 namespace. */
export const SSBT_NS = 'http://schema.forsakringskassan.se/integration/ssbt/10';
/** SOAP 1.1 envelope namespace (the only SOAP version the contract binds). */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** SOAP 1.2 envelope namespace (recognised only to say it is not supported). */
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
