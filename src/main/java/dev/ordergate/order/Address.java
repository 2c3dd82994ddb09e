package dev.ordergate.order;

public record Address(String name, String street, String city, String postalCode, String country) {
}
