package uz.eimzo.fasthttp.archfixture;

import uz.eimzo.ocsp.responding.OcspResponder;

/** Fixture, breaks the module graph: the shared Netty listener (fast-http) depending on the responder it serves. */
class AnswersOcspItself {

    OcspResponder responder;
}
