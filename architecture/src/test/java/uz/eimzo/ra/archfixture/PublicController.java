package uz.eimzo.ra.archfixture;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fixture, breaks the controller rule: a public controller. */
@RestController
public class PublicController {

    @GetMapping("/archfixture")
    String answer() {
        return "fixture";
    }
}
