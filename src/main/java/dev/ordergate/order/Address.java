package dev.ordergate.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record Address(
        @NotBlank @Size(max = 128) String name,
        @NotBlank @Size(max = 256) String street,
        @NotBlank @Size(max = 128) String city,
        @Size(max = 16) String postalCode,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code") String country) {
}
