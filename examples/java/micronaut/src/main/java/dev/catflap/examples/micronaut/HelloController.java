package dev.catflap.examples.micronaut;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

@Controller
public class HelloController {
    private final String hello = "hello from micronaut pid " + ProcessHandle.current().pid() + "\n";

    @Get(produces = MediaType.TEXT_PLAIN)
    public String hello() {
        return hello;
    }
}
